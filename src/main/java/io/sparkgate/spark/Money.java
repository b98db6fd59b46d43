package io.sparkgate.spark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Amounts of money as exact decimals. Rates and budgets are written as decimal strings ({@code
 * "0.05"}); estimates are kept in integer micro-units of the currency and shown with two decimals.
 */
public final class Money {

  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,6})?");
  private static final BigDecimal MICROS_PER_UNIT = BigDecimal.valueOf(1_000_000);

  private Money() {}

  /**
   * A non-negative decimal string with at most 15 digits before the point and 6 after: {@code
   * "70"}, {@code "0.05"}.
   *
   * @throws SparkValueException naming the field when the text is not such a decimal
   */
  public static BigDecimal parse(String field, Object value) {
    if (value instanceof Long number && number >= 0) {
      return BigDecimal.valueOf(number);
    }
    if (value instanceof String text && DECIMAL.matcher(text).matches()) {
      return new BigDecimal(text);
    }
    throw new SparkValueException(
        field
            + " "
            + ValueText.show(value)
            + " is not an amount: write a decimal string such as \"0.05\" (at most 6 decimals,"
            + " not negative)");
  }

  /** Micro-units of an exact amount, rounded half up. */
  public static long micros(BigDecimal amount) {
    return amount.multiply(MICROS_PER_UNIT).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** {@code 74.40} for 74,400,000 micro-units. */
  public static String format(long micros) {
    return BigDecimal.valueOf(micros)
        .divide(MICROS_PER_UNIT)
        .setScale(2, RoundingMode.HALF_UP)
        .toPlainString();
  }

  /** {@code 74.40 USD}. */
  public static String format(long micros, String currency) {
    return format(micros) + " " + currency;
  }

  /** A decimal without trailing zeros and at most two decimals: {@code 5}, {@code 1.5}. */
  static String plain(BigDecimal number) {
    BigDecimal rounded = number.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
  }
}
