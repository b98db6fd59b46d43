package io.sparkgate.decide;

/**
 * What one policy binding contributed to a decision, for the audit log and explanations.
 * {@code action} is what was done with it (deny, warn, audit, none); {@code outcome} is pass,
 * fail, error or misconfigured. {@code relief} is set when the binding would have denied and an
 * exception or the tenant's Warn mode made it a warning.
 */
public record PolicyResult(String policy, String binding, String param, String action, String outcome, String message,
    DenialRelief relief) {

  public PolicyResult(String policy, String binding, String param, String action, String outcome, String message) {
    this(policy, binding, param, action, outcome, message, null);
  }
}
