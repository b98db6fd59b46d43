package io.sparkgate.cel.library;

import io.sparkgate.cel.library.Quantity.Format;
import java.util.Map;
import java.util.Optional;

/** A quantity suffix read as base, exponent and format: {@code Ki} is 2^10, {@code k} is 10^3. */
record QuantitySuffix(int base, int exponent, Format format) {

  private static final Map<String, QuantitySuffix> KNOWN =
      Map.ofEntries(
          Map.entry("", new QuantitySuffix(10, 0, Format.DECIMAL_SI)),
          Map.entry("n", new QuantitySuffix(10, -9, Format.DECIMAL_SI)),
          Map.entry("u", new QuantitySuffix(10, -6, Format.DECIMAL_SI)),
          Map.entry("m", new QuantitySuffix(10, -3, Format.DECIMAL_SI)),
          Map.entry("k", new QuantitySuffix(10, 3, Format.DECIMAL_SI)),
          Map.entry("M", new QuantitySuffix(10, 6, Format.DECIMAL_SI)),
          Map.entry("G", new QuantitySuffix(10, 9, Format.DECIMAL_SI)),
          Map.entry("T", new QuantitySuffix(10, 12, Format.DECIMAL_SI)),
          Map.entry("P", new QuantitySuffix(10, 15, Format.DECIMAL_SI)),
          Map.entry("E", new QuantitySuffix(10, 18, Format.DECIMAL_SI)),
          Map.entry("Ki", new QuantitySuffix(2, 10, Format.BINARY_SI)),
          Map.entry("Mi", new QuantitySuffix(2, 20, Format.BINARY_SI)),
          Map.entry("Gi", new QuantitySuffix(2, 30, Format.BINARY_SI)),
          Map.entry("Ti", new QuantitySuffix(2, 40, Format.BINARY_SI)),
          Map.entry("Pi", new QuantitySuffix(2, 50, Format.BINARY_SI)),
          Map.entry("Ei", new QuantitySuffix(2, 60, Format.BINARY_SI)));

  private static final String[] DECIMAL_BY_THOUSANDS = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY_BY_1024 = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  static Optional<QuantitySuffix> interpret(String suffix) {
    QuantitySuffix known = KNOWN.get(suffix);
    if (known != null) {
      return Optional.of(known);
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      try {
        // Go parses an int64 and keeps its low 32 bits; so does this.
        long exponent = Long.parseLong(suffix.substring(1));
        return Optional.of(new QuantitySuffix(10, (int) exponent, Format.DECIMAL_EXPONENT));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The SI suffix for 10^exponent, if there is one (n … E). */
  static Optional<String> decimalSuffix(int exponent) {
    if (exponent % 3 != 0 || exponent < -9 || exponent > 18) {
      return Optional.empty();
    }
    return Optional.of(DECIMAL_BY_THOUSANDS[exponent / 3 + 3]);
  }

  /** The binary suffix for 1024^power, if there is one (Ki … Ei). */
  static Optional<String> binarySuffix(int power) {
    return power >= 0 && power < BINARY_BY_1024.length
        ? Optional.of(BINARY_BY_1024[power])
        : Optional.empty();
  }
}
