package io.sparkgate.evaluate;

import io.sparkgate.policy.DenialReason;

/**
 * One finding of a policy-binding-param evaluation: a validation that passed or failed, an
 * evaluation error, or a binding that could not be configured.
 */
public record PolicyDecision(Outcome outcome, boolean deny, String message, DenialReason reason, int expressionIndex) {
  /** What happened. Only FAIL, ERROR and MISCONFIGURED can deny. */
  public enum Outcome {
    PASS,
    FAIL,
    ERROR,
    MISCONFIGURED
  }

  public static PolicyDecision pass(int index) {
    return new PolicyDecision(Outcome.PASS, false, "", DenialReason.INVALID, index);
  }
}
