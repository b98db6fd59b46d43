package io.sparkgate.policy;

import io.sparkgate.policy.source.SourcePosition;

/** A problem found while loading policies, printed as {@code FILE:LINE:COL: message}. */
public record LoadIssue(Severity severity, SourcePosition position, String message) {
  @Override
  public String toString() {
    return position + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
  }
}
