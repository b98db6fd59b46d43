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
        return inFoldedBlock(valueLine, valueColumn);
    }
  }

  /** A literal block's lines keep everything after the block's indentation, set by its first line. */
  private SourcePosition inBlock(int zeroBasedFileLine, int valueColumn) {
    int indent = blockIndent();
    return new SourcePosition(file, zeroBasedFileLine + 1, indent + valueColumn + 1);
  }

  /**
   * A folded block joins its lines with a space, except around more-indented and blank lines,
   * which keep their line breaks: replay the folding over the file lines to find the character.
   */
  private SourcePosition inFoldedBlock(int valueLine, int valueColumn) {
    int indent = blockIndent();
    int currentValueLine = 1;
    int column = 0;
    boolean previousNormal = false;
    boolean first = true;
    for (int fileLine = line + 1; fileLine < fileLines.size(); fileLine++) {
      String text = fileLines.get(fileLine);
      boolean blank = text.isBlank();
      if (!blank && indentOf(fileLine) < indent) {
        break;
      }
      boolean normal = !blank && indentOf(fileLine) == indent;
      if (!first) {
        if (previousNormal && normal) {
          column++;
        } else {
          currentValueLine++;
          column = 0;
        }
      }
      first = false;
      int length = blank ? 0 : text.length() - indent;
      if (currentValueLine == valueLine && valueColumn <= column + length) {
        return new SourcePosition(file, fileLine + 1, indent + (valueColumn - column) + 1);
      }
      column += length;
      previousNormal = normal;
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
