package io.sparkgate.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values a scan record holds: objects with
 * members sorted by their UTF-16 code units, no white space, strings with only the escapes the RFC
 * requires, integers in plain decimal. Other numbers are refused: a record has none, and refusing
 * them keeps the form exact. Written here rather than taken from a library because the JSON
 * libraries on the classpath (Jackson) have no RFC 8785 writer.
 */
final class CanonicalJson {
  private CanonicalJson() {}

  static byte[] bytes(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode value, StringBuilder out) {
    switch (value.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 asks
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(names.get(i), out);
          out.append(':');
          write(value.get(names.get(i)), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < value.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(value.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(value.asText(), out);
      case BOOLEAN -> out.append(value.booleanValue());
      case NULL -> out.append("null");
      case NUMBER -> {
        if (!value.isIntegralNumber() || !value.canConvertToLong()
            || Math.abs(value.longValue()) > (1L << 53)) {
          throw new IllegalArgumentException("a number in a scan record must be an integer of at most 2^53: " + value);
        }
        out.append(value.longValue());
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + value.getNodeType());
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
