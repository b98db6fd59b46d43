package io.sparkgate.policy.source;

import java.nio.file.Path;

/** A 1-based line and column in a file, printed as {@code FILE:LINE:COL}. */
public record SourcePosition(Path file, int line, int column) {
  public static SourcePosition startOf(Path file) {
    return new SourcePosition(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
