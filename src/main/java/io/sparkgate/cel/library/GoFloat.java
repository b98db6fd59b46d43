package io.sparkgate.cel.library;

import java.util.Locale;

/**
 * Go's {@code strconv.ParseFloat(s, 64)}, which cel-go's {@code double(string)} uses: decimal and
 * hexadecimal (with a {@code p} exponent) literals, {@code Inf}, {@code Infinity} and {@code NaN}
 * in any case, a value too large for a double is an error. Java's own parser also takes
 * surrounding whitespace and a {@code d} or {@code f} suffix, which Go refuses.
 */
final class GoFloat {

  private GoFloat() {}

  static double parse(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    boolean negative = lower.startsWith("-");
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (!wellFormed(unsigned)) {
      throw conversionError();
    }
    double value;
    try {
      value = Double.parseDouble(lower);
    } catch (NumberFormatException e) {
      throw conversionError();
    }
    if (Double.isInfinite(value)) {
      throw conversionError();
    }
    return value;
  }

  /** Digits, an optional point and exponent; hexadecimal needs a {@code p} exponent. */
  private static boolean wellFormed(String unsigned) {
    if (unsigned.isEmpty()) {
      return false;
    }
    boolean hex = unsigned.startsWith("0x");
    for (int i = hex ? 2 : 0; i < unsigned.length(); i++) {
      char c = unsigned.charAt(i);
      boolean allowed =
          (c >= '0' && c <= '9')
              || c == '.'
              || c == '+'
              || c == '-'
              || (hex ? (c >= 'a' && c <= 'f') || c == 'p' : c == 'e');
      if (!allowed) {
        return false;
      }
    }
    return !hex || unsigned.indexOf('p') > 2;
  }

  private static RuntimeException conversionError() {
    return KubeErrors.error("type conversion error from 'string' to 'double'");
  }
}
