package io.sparkgate.spark;

import java.util.function.Consumer;

/**
 * Finds {@code scheme://...} URIs in a text: each {@code ://} preceded by a scheme (a letter,
 * then letters, digits, {@code + - .}; a {@code jdbc:postgresql}-style chain of schemes is kept
 * whole). A URI ends at a comma, whitespace, a quote or an angle bracket, so comma-separated
 * lists, {@code key=s3a://...} arguments and URIs inside SQL text are all found.
 */
final class UriScanner {

  private UriScanner() {}

  static void scan(String text, Consumer<String> found) {
    int from = 0;
    while (true) {
      int separator = text.indexOf("://", from);
      if (separator < 0) {
        return;
      }
      int start = schemeStart(text, separator);
      int end = uriEnd(text, separator + 3);
      if (start < separator && end > separator + 3) {
        found.accept(text.substring(start, end));
      }
      from = Math.max(end, separator + 3);
    }
  }

  /** The start of the scheme chain before {@code ://}, or {@code separator} when there is none. */
  private static int schemeStart(String text, int separator) {
    if (separator == 0 || !isSchemeChar(text.charAt(separator - 1))) {
      return separator;
    }
    int start = separator;
    while (start > 0 && (isSchemeChar(text.charAt(start - 1)) || text.charAt(start - 1) == ':')) {
      start--;
    }
    while (start < separator && !isLetter(text.charAt(start))) {
      start++; // a scheme begins with a letter
    }
    return start;
  }

  private static int uriEnd(String text, int from) {
    int i = from;
    while (i < text.length() && !isTerminator(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isTerminator(char c) {
    return c == ','
        || Character.isWhitespace(c)
        || c == '"'
        || c == '\''
        || c == '`'
        || c == '<'
        || c == '>';
  }

  private static boolean isSchemeChar(char c) {
    return isLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
