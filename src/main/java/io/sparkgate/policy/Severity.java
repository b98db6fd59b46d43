package io.sparkgate.policy;

/** How bad a load problem is: an error keeps the policy set out of service, a warning does not. */
public enum Severity {
  ERROR,
  WARNING
}
