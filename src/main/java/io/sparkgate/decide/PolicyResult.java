package io.sparkgate.decide;

/**
 * What one policy binding contributed to a decision, for the audit log and explanations.
 * {@code action} is what was done with it (deny, warn, audit, none); {@code outcome} is pass,
 * fail, error or misconfigured.
 */
public record PolicyResult(String policy, String binding, String param, String action, String outcome, String message) {}
