package io.sparkgate.spark;

import io.sparkgate.cel.CelNulls;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading the CEL values Sparkgate gets for Kubernetes objects: lazy JSON maps and lists with
 * Long, Double, String, Boolean and NullValue leaves. A JSON null reads as absent.
 */
final class JsonTypes {

  private JsonTypes() {}

  static boolean isNull(Object value) {
    return CelNulls.isNull(value);
  }

  /** The map at a key, or empty when the key is missing or null; a map is all it may be. */
  static Optional<Map<?, ?>> map(Map<?, ?> parent, String key, String field) {
    Object value = parent.get(key);
    if (isNull(value)) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> map) {
      return Optional.of(map);
    }
    throw new SparkValueException(field + " is " + typeName(value) + ", expected a map");
  }

  /** The value at a key, or empty when the key is missing or null. */
  static Optional<Object> value(Map<?, ?> parent, String key) {
    Object value = parent.get(key);
    return isNull(value) ? Optional.empty() : Optional.of(value);
  }

  /** The string at a key, or empty when missing or null; anything else than a string fails. */
  static Optional<String> string(Map<?, ?> parent, String key, String field) {
    Object value = parent.get(key);
    if (isNull(value)) {
      return Optional.empty();
    }
    if (value instanceof String s) {
      return Optional.of(s);
    }
    throw new SparkValueException(field + " is " + typeName(value) + ", expected a string");
  }

  static String typeName(Object value) {
    if (isNull(value)) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Long || value instanceof Integer) {
      return "an integer";
    }
    if (value instanceof Double) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Map<?, ?>) {
      return "a map";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return "a " + value.getClass().getSimpleName();
  }
}
