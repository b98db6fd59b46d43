package io.sparkgate.audit;

/**
 * What the server should do with its admission response once the audit write has finished, per
 * the configured {@link FailureMode}.
 *
 * @param written the record reached the log
 * @param denyRequest the record was not written and the mode is FAIL_CLOSED: respond with a denial
 *     carrying {@code failureMessage} instead of the decision
 * @param failureMessage why the record was not written; null when written
 */
public record AuditReceipt(boolean written, boolean denyRequest, String failureMessage) {
  static final AuditReceipt WRITTEN = new AuditReceipt(true, false, null);
}
