package io.sparkgate.policy.source;

/** A problem found while reading or compiling a policy file, at a position in that file. */
public record SourceIssue(SourcePosition position, String message) {
  @Override
  public String toString() {
    return position + ": " + message;
  }
}
