package io.sparkgate.audit;

/** The audit log cannot be opened or a record could not be written. */
public class AuditLogException extends RuntimeException {
  public AuditLogException(String message) {
    super(message);
  }

  public AuditLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
