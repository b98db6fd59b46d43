package io.sparkgate.cel;

import com.google.protobuf.NullValue;

/** CEL-Java has two representations of null: the protobuf enum inputs use, and its own value. */
public final class CelNulls {
  private CelNulls() {}

  public static boolean isNull(Object value) {
    return value == null
        || value instanceof NullValue
        || value instanceof dev.cel.common.values.NullValue;
  }
}
