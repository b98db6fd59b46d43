package io.sparkgate.evaluate;

/** CEL-Java has two representations of null: the protobuf enum inputs use, and its own value. */
final class CelNulls {
  private CelNulls() {}

  static boolean isNull(Object value) {
    return value == null
        || value instanceof com.google.protobuf.NullValue
        || value instanceof dev.cel.common.values.NullValue;
  }
}
