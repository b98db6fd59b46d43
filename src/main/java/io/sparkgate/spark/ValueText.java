package io.sparkgate.spark;

import java.util.List;
import java.util.Map;

/** Values as error messages show them: quoted, escaped, and short even when the input is huge. */
final class ValueText {

  /** Longer strings are cut, so that a 10 MB value does not become a 10 MB message. */
  static final int MAX_SHOWN = 64;

  private ValueText() {}

  static String quote(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 24);
    out.append('"');
    int shown = Math.min(value.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (value.length() > shown) {
      out.append("… (").append(value.length()).append(" characters)");
    }
    return out.toString();
  }

  /** A JSON-ish rendering of any input value: strings quoted, other scalars as they print. */
  static String show(Object value) {
    if (value instanceof String s) {
      return quote(s);
    }
    if (JsonTypes.isNull(value)) {
      return "null";
    }
    if (value instanceof Map<?, ?>) {
      return "a map";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return String.valueOf(value);
  }
}
