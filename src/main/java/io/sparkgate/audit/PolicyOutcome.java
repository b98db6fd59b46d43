package io.sparkgate.audit;

/**
 * One policy's contribution to a decision. The vocabulary of {@code action} (e.g. Deny, Warn,
 * Audit, Mutate) and {@code outcome} (e.g. pass, fail, error) is the server's; the audit log
 * stores and filters them as plain strings. {@code wouldHaveBeen} is the action the binding
 * asked for when something softened it ({@code deny}), and {@code exception} the
 * SparkPolicyException ({@code namespace/name}) that did; both null otherwise, and a softened
 * result without an exception was softened by the tenant's Warn mode.
 */
public record PolicyOutcome(String policy, String binding, String action, String outcome, String message,
    String wouldHaveBeen, String exception) {

  public PolicyOutcome(String policy, String binding, String action, String outcome, String message) {
    this(policy, binding, action, outcome, message, null, null);
  }

  /** Whether a binding asked to deny and an exception waived it. */
  public boolean waived() {
    return exception != null;
  }

  /** Whether a binding asked to deny and the tenant's Warn mode made it a warning. */
  public boolean warnMode() {
    return wouldHaveBeen != null && exception == null;
  }
}
