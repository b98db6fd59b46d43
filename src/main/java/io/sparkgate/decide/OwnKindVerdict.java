package io.sparkgate.decide;

import io.sparkgate.policy.DenialReason;

/**
 * The decision on a request for one of Sparkgate's own kinds (a SparkPolicyException), made by a
 * built-in check named {@code check}: allowed with a note for the audit log (who approved), or
 * denied with the reason.
 */
public record OwnKindVerdict(String check, boolean allowed, String message, DenialReason reason) {
  public static OwnKindVerdict allow(String check, String note) {
    return new OwnKindVerdict(check, true, note, DenialReason.INVALID);
  }

  public static OwnKindVerdict deny(String check, String message, DenialReason reason) {
    return new OwnKindVerdict(check, false, message, reason);
  }
}
