package io.sparkgate.audit;

/**
 * One policy's contribution to a decision. The vocabulary of {@code action} (e.g. Deny, Warn,
 * Audit, Mutate) and {@code outcome} (e.g. pass, fail, error) is the server's; the audit log
 * stores and filters them as plain strings.
 */
public record PolicyOutcome(String policy, String binding, String action, String outcome, String message) {}
