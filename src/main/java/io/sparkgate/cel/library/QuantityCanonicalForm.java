package io.sparkgate.cel.library;

import io.sparkgate.cel.library.Quantity.Format;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Writes a quantity the way Kubernetes canonicalises it: the suffix family of the input, the
 * largest suffix that keeps the number whole. Where Kubernetes has no suffix for the exponent
 * (beyond E or Ei) this falls back to exponent notation instead of dropping the suffix.
 */
final class QuantityCanonicalForm {

  private static final BigInteger THOUSAND_AND_TWENTY_FOUR = BigInteger.valueOf(1024);
  private static final BigDecimal BINARY_THRESHOLD = BigDecimal.valueOf(1024);

  private QuantityCanonicalForm() {}

  static String of(Quantity quantity) {
    BigDecimal value = quantity.toBigDecimal();
    if (value.signum() == 0) {
      return "0";
    }
    Format format = quantity.format();
    if (format == Format.BINARY_SI) {
      boolean belowThreshold = value.abs().compareTo(BINARY_THRESHOLD) < 0;
      BigDecimal whole = value.setScale(0, RoundingMode.UP);
      if (belowThreshold || whole.compareTo(value) != 0) {
        format = Format.DECIMAL_SI;
      } else {
        return binary(whole.toBigIntegerExact());
      }
    }
    return decimal(value, format);
  }

  private static String binary(BigInteger whole) {
    int power = 0;
    BigInteger amount = whole;
    while (amount.signum() != 0 && amount.mod(THOUSAND_AND_TWENTY_FOUR).signum() == 0) {
      amount = amount.divide(THOUSAND_AND_TWENTY_FOUR);
      power++;
    }
    while (QuantitySuffix.binarySuffix(power).isEmpty()) {
      amount = amount.multiply(THOUSAND_AND_TWENTY_FOUR);
      power--;
    }
    return amount + QuantitySuffix.binarySuffix(power).orElseThrow();
  }

  private static String decimal(BigDecimal value, Format format) {
    BigDecimal stripped = value.stripTrailingZeros();
    BigInteger amount = stripped.unscaledValue();
    int exponent = -stripped.scale();
    while (exponent % 3 != 0) {
      amount = amount.multiply(BigInteger.TEN);
      exponent--;
    }
    if (format == Format.DECIMAL_SI) {
      String suffix = QuantitySuffix.decimalSuffix(exponent).orElse(null);
      if (suffix != null) {
        return amount + suffix;
      }
    }
    return exponent == 0 ? amount.toString() : amount + "e" + exponent;
  }
}
