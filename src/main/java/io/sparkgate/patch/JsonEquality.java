package io.sparkgate.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * JSON equality by value: {@code 3600} read from a request (an int node) equals {@code 3600}
 * produced by CEL (a long node). Without this, merging an unchanged number would yield a patch.
 */
public final class JsonEquality {
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      if (!finite(a) || !finite(b)) {
        return Double.compare(a.doubleValue(), b.doubleValue());
      }
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private JsonEquality() {}

  /** 1e400 in a document reads as an infinite double, which has no decimal value. */
  private static boolean finite(JsonNode number) {
    return !number.isFloatingPointNumber() || Double.isFinite(number.doubleValue());
  }

  public static boolean same(JsonNode a, JsonNode b) {
    return a.equals(NUMBERS_BY_VALUE, b);
  }

  /** A text that two equal scalars share, for use as a map key. */
  static String canonical(JsonNode scalar) {
    return scalar.isNumber() ? scalar.decimalValue().stripTrailingZeros().toPlainString() : scalar.toString();
  }
}
