package io.sparkgate.audit;

/** What the server does with a request whose audit record could not be written. */
public enum FailureMode {
  /** Deny the request, naming the audit failure in the response message (the default). */
  FAIL_CLOSED,
  /** Send the original decision anyway; the failure is logged and counted. */
  FAIL_OPEN
}
