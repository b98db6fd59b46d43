package io.sparkgate.policy.source;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a scalar (a CEL expression, typically) stands in its YAML file, so that a position inside
 * the expression can be turned into a position in the file.
 */
public final class ScalarLocation {
  /** How the scalar was written in YAML. */
  public enum Style {
    PLAIN,
    QUOTED,
    LITERAL,
    FOLDED
  }

  private final Path file;
  private final int line;
  private final int column;
  private final Style style;
  private final List<String> fileLines;

  /**
   * @param line 0-based line of the scalar's first character (the quote or block indicator)
   * @param column 0-based column of that character
   */
  public ScalarLocation(Path file, int line, int column, Style style, List<String> fileLines) {
    this.file = file;
    this.line = line;
    this.column = column;
    this.style = style;
    this.fileLines = fileLines;
  }

  public SourcePosition start() {
    return new SourcePosition(file, line + 1, column + 1);
  }

  /**
   * The file position of a character of the scalar's value.
   *
   * @param valueLine 1-based line inside the value
   * @param valueColumn 0-based column inside that line of the value
   */
  public SourcePosition locate(int valueLine, int valueColumn) {
    switch (style) {
      case PLAIN:
        return new SourcePosition(file, line + valueLine, column + 1 + valueColumn);
      case QUOTED:
        return new SourcePosition(file, line + valueLine, column + 2 + valueColumn);
      case LITERAL:
        return inBlock(line + valueLine, valueColumn);
      case FOLDED:
      default:
        return inFoldedBlock(valueColumn);
    }
  }

  /** A literal block's lines keep everything after the block's indentation, set by its first line. */
  private SourcePosition inBlock(int zeroBasedFileLine, int valueColumn) {
    int indent = blockIndent();
    return new SourcePosition(file, zeroBasedFileLine + 1, indent + valueColumn + 1);
  }

  /** A folded block's lines are joined with spaces; walk the file lines to find the column. */
  private SourcePosition inFoldedBlock(int valueColumn) {
    int remaining = valueColumn;
    int fileLine = line + 1;
    while (fileLine < fileLines.size()) {
      String text = fileLines.get(fileLine).strip();
      if (remaining <= text.length() || fileLine + 1 >= fileLines.size()) {
        return new SourcePosition(file, fileLine + 1, indentOf(fileLine) + remaining + 1);
      }
      remaining -= text.length() + 1;
      fileLine++;
    }
    return start();
  }

  private int blockIndent() {
    for (int candidate = line + 1; candidate < fileLines.size(); candidate++) {
      if (!fileLines.get(candidate).isBlank()) {
        return indentOf(candidate);
      }
    }
    return 0;
  }

  private int indentOf(int zeroBasedFileLine) {
    if (zeroBasedFileLine < 0 || zeroBasedFileLine >= fileLines.size()) {
      return 0;
    }
    String text = fileLines.get(zeroBasedFileLine);
    int indent = 0;
    while (indent < text.length() && text.charAt(indent) == ' ') {
      indent++;
    }
    return indent;
  }
}
