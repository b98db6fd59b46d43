package io.sparkgate.cel.library;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Kubernetes {@code resource.Quantity} (CEL type {@code kubernetes.Quantity}): an exact decimal
 * with the suffix family it was written in.
 *
 * <p>Kubernetes holds a quantity either as a 64-bit mantissa with a power-of-ten scale or as an
 * arbitrary-precision decimal, and {@link #asInteger()} answers "no integer" for the second form
 * and for a negative scale even when the value is whole ({@code quantity('1000m').isInteger()} is
 * false in Kubernetes). Both forms are modelled so that policies get Kubernetes' answers.
 * Equality and ordering are numeric: {@code 1 == 1000m}.
 *
 * <p>Unlike Kubernetes, strings longer than {@value #MAX_LENGTH} characters and magnitudes beyond
 * 10^{@value #MAX_DECIMAL_EXPONENT} are refused, so that a hostile value cannot make the server
 * expand a number with billions of digits.
 */
public final class Quantity implements Comparable<Quantity> {

  /** How a quantity is written back: 12e6, 12Mi or 12M. */
  public enum Format {
    DECIMAL_EXPONENT,
    BINARY_SI,
    DECIMAL_SI
  }

  static final int MAX_LENGTH = 1024;
  static final int MAX_DECIMAL_EXPONENT = 10_000;

  static final String SPLIT_REGEX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
  static final String ERR_FORMAT_WRONG =
      "quantities must match the regular expression '" + SPLIT_REGEX + "'";
  static final String ERR_NUMERIC = "unable to parse numeric part of quantity";
  static final String ERR_SUFFIX = "unable to parse quantity's suffix";

  private static final int NANO_SCALE = 9; // BigDecimal scale of 10^-9
  private static final int MAX_INT64_FACTORS = 18;
  private static final BigDecimal MAX_INT64 = BigDecimal.valueOf(Long.MAX_VALUE);

  /** Kubernetes' int64Amount: value = mantissa * 10^scale; null when the decimal form is used. */
  private final Int64Amount small;
  /** Kubernetes' inf.Dec form; its BigDecimal scale follows inf.Dec's scale. */
  private final BigDecimal decimal;

  private final Format format;

  private Quantity(Int64Amount small, BigDecimal decimal, Format format) {
    this.small = small;
    this.decimal = decimal;
    this.format = format;
  }

  /** Parses a quantity as Kubernetes does; throws with Kubernetes' message when it is invalid. */
  public static Quantity parse(String text) {
    return QuantityParser.parse(text);
  }

  /** Parses a quantity, or empty when Kubernetes would reject it. */
  public static Optional<Quantity> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (QuantityFormatException e) {
      return Optional.empty();
    }
  }

  /** A plain integer quantity, as Kubernetes builds for {@code add(int)}: DecimalExponent form. */
  public static Quantity of(long value) {
    return new Quantity(new Int64Amount(value, 0), null, Format.DECIMAL_EXPONENT);
  }

  static Quantity ofInt64(long mantissa, int scale, Format format) {
    return new Quantity(new Int64Amount(mantissa, scale), null, format);
  }

  static Quantity ofDecimal(BigDecimal value, Format format) {
    return new Quantity(null, value, format);
  }

  public Format format() {
    return format;
  }

  /** The exact value. */
  public BigDecimal toBigDecimal() {
    return small != null ? small.toBigDecimal() : decimal;
  }

  /** -1, 0 or 1. */
  public int sign() {
    return small != null ? Long.signum(small.mantissa()) : decimal.signum();
  }

  /** Kubernetes' {@code AsInt64}: empty when the value is not held as a whole int64. */
  public OptionalLong asInteger() {
    if (small == null) {
      return OptionalLong.empty();
    }
    return small.asInt64();
  }

  public boolean isInteger() {
    return asInteger().isPresent();
  }

  /** Kubernetes' {@code AsApproximateFloat64}: may lose precision, ±Infinity when out of range. */
  public double asApproximateFloat() {
    double base;
    long exponent;
    if (small != null) {
      base = small.mantissa();
      exponent = small.scale();
    } else {
      base = decimal.unscaledValue().doubleValue();
      exponent = -(long) decimal.scale();
    }
    if (exponent == 0) {
      return base;
    }
    return base * GoPow10.pow10(exponent);
  }

  /** The value in whole units, rounded away from zero (Kubernetes' {@code Value()}). */
  public long value() {
    return toBigDecimal().setScale(0, RoundingMode.UP).longValueExact();
  }

  /** The value in thousandths, rounded away from zero (Kubernetes' {@code MilliValue()}). */
  public long millis() {
    return toBigDecimal().movePointRight(3).setScale(0, RoundingMode.UP).longValueExact();
  }

  /** The number of bytes a memory quantity stands for: {@link #value()} under its usual name. */
  public long toBytes() {
    return value();
  }

  public Quantity add(Quantity other) {
    Format resultFormat = format;
    if (small != null && other.small != null) {
      if (small.mantissa() == 0) {
        resultFormat = other.format;
      }
      Optional<Int64Amount> sum = small.add(other.small);
      if (sum.isPresent()) {
        return new Quantity(sum.get(), null, resultFormat);
      }
    } else if (sign() == 0) {
      resultFormat = other.format;
    }
    return new Quantity(null, asInfDec().add(other.asInfDec()), resultFormat);
  }

  public Quantity sub(Quantity other) {
    Format resultFormat = sign() == 0 ? other.format : format;
    if (small != null && other.small != null) {
      Optional<Int64Amount> difference = small.subtract(other.small);
      if (difference.isPresent()) {
        return new Quantity(difference.get(), null, resultFormat);
      }
    }
    return new Quantity(null, asInfDec().subtract(other.asInfDec()), resultFormat);
  }

  public Quantity add(long value) {
    return add(of(value));
  }

  public Quantity sub(long value) {
    return sub(of(value));
  }

  public boolean isLessThan(Quantity other) {
    return compareTo(other) < 0;
  }

  public boolean isGreaterThan(Quantity other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Quantity other) {
    if (small != null && other.small != null && small.scale() == other.small.scale()) {
      return Long.compare(small.mantissa(), other.small.mantissa());
    }
    return toBigDecimal().compareTo(other.toBigDecimal());
  }

  private BigDecimal asInfDec() {
    return toBigDecimal();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity other && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(toBigDecimal().stripTrailingZeros());
  }

  /** The canonical form Kubernetes writes, such as {@code 1500m}, {@code 2Gi} or {@code 12e6}. */
  @Override
  public String toString() {
    return QuantityCanonicalForm.of(this);
  }

  /** Kubernetes' int64Amount: {@code mantissa * 10^scale}, with its overflow-checked arithmetic. */
  record Int64Amount(long mantissa, int scale) {

    BigDecimal toBigDecimal() {
      return BigDecimal.valueOf(mantissa, -scale);
    }

    OptionalLong asInt64() {
      if (scale == 0) {
        return OptionalLong.of(mantissa);
      }
      if (scale < 0) {
        return OptionalLong.empty();
      }
      return scaleUp(mantissa, scale);
    }

    Optional<Int64Amount> add(Int64Amount other) {
      if (other.mantissa == 0) {
        return Optional.of(this);
      }
      if (mantissa == 0) {
        return Optional.of(other);
      }
      try {
        if (scale == other.scale) {
          return Optional.of(new Int64Amount(Math.addExact(mantissa, other.mantissa), scale));
        }
        if (scale > other.scale) {
          OptionalLong aligned = scaleUp(mantissa, scale - other.scale);
          return aligned.isEmpty()
              ? Optional.empty()
              : Optional.of(
                  new Int64Amount(Math.addExact(aligned.getAsLong(), other.mantissa), other.scale));
        }
        OptionalLong aligned = scaleUp(other.mantissa, other.scale - scale);
        return aligned.isEmpty()
            ? Optional.empty()
            : Optional.of(new Int64Amount(Math.addExact(mantissa, aligned.getAsLong()), scale));
      } catch (ArithmeticException overflow) {
        return Optional.empty();
      }
    }

    Optional<Int64Amount> subtract(Int64Amount other) {
      if (other.mantissa == Long.MIN_VALUE) {
        return Optional.empty();
      }
      return add(new Int64Amount(-other.mantissa, other.scale));
    }

    private static OptionalLong scaleUp(long value, int powerOfTen) {
      long result = value;
      try {
        for (int i = 0; i < powerOfTen; i++) {
          result = Math.multiplyExact(result, 10L);
        }
      } catch (ArithmeticException overflow) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(result);
    }
  }

  /** Kubernetes' parsing algorithm (not the regex in its error message, which it never applies). */
  static final class QuantityParser {

    private QuantityParser() {}

    static Quantity parse(String text) {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        throw new QuantityFormatException(ERR_FORMAT_WRONG);
      }
      if (text.length() > MAX_LENGTH) {
        throw new QuantityFormatException(
            "quantity of " + text.length() + " characters is longer than the supported maximum of "
                + MAX_LENGTH);
      }
      if (text.equals("0")) {
        return ofInt64(0, 0, Format.DECIMAL_SI);
      }
      Parts parts = Parts.split(text);
      QuantitySuffix suffix =
          QuantitySuffix.interpret(parts.suffix())
              .orElseThrow(() -> new QuantityFormatException(ERR_SUFFIX));
      rejectHugeMagnitude(parts, suffix);
      Optional<Quantity> compact = parseCompact(parts, suffix);
      return compact.orElseGet(() -> parseDecimal(parts, suffix));
    }

    private static void rejectHugeMagnitude(Parts parts, QuantitySuffix suffix) {
      if (suffix.base() != 10 || parts.integer().equals("0")) {
        return; // binary suffixes stop at 2^60; values below 1 cannot be huge
      }
      long magnitude = parts.integer().length() + (long) suffix.exponent();
      if (magnitude > MAX_DECIMAL_EXPONENT) {
        throw new QuantityFormatException(
            "quantity is larger than the supported maximum of 10^" + MAX_DECIMAL_EXPONENT);
      }
    }

    /** The int64 fast path; empty when Kubernetes falls back to arbitrary precision. */
    private static Optional<Quantity> parseCompact(Parts parts, QuantitySuffix suffix) {
      int digitCount = parts.integer().length() + parts.fraction().length();
      int precision;
      long scale;
      long multiplier = 1;
      if (suffix.base() == 10) {
        scale = suffix.exponent();
        precision = MAX_INT64_FACTORS - digitCount;
      } else {
        scale = 0;
        if (suffix.exponent() >= 0 && parts.fraction().isEmpty()) {
          multiplier = 1L << suffix.exponent();
          precision =
              15 - parts.integer().length() - (int) ((float) suffix.exponent() * 3 / 10) - 1;
        } else {
          precision = -1;
        }
      }
      if (precision < 0) {
        return Optional.empty();
      }
      scale -= parts.fraction().length();
      if (scale < -NANO_SCALE) {
        return Optional.empty();
      }
      long digits;
      try {
        digits = Long.parseLong(parts.integer() + parts.fraction());
      } catch (NumberFormatException e) {
        throw new QuantityFormatException(ERR_NUMERIC);
      }
      long mantissa;
      try {
        mantissa = Math.multiplyExact(digits, multiplier);
      } catch (ArithmeticException overflow) {
        return Optional.empty();
      }
      if (scale > Integer.MAX_VALUE) {
        return Optional.empty();
      }
      return Optional.of(
          ofInt64(parts.positive() ? mantissa : -mantissa, (int) scale, suffix.format()));
    }

    private static Quantity parseDecimal(Parts parts, QuantitySuffix suffix) {
      BigInteger unscaled = new BigInteger(parts.integer() + parts.fraction());
      long scale = parts.fraction().length();
      if (suffix.base() == 10) {
        scale -= suffix.exponent();
      } else {
        unscaled = unscaled.shiftLeft(suffix.exponent());
      }
      BigDecimal amount;
      if (unscaled.signum() == 0) {
        amount = BigDecimal.ZERO;
      } else {
        long magnitude = unscaled.toString().length() - scale; // digits before the decimal point
        if (magnitude > MAX_DECIMAL_EXPONENT) {
          throw new QuantityFormatException(
              "quantity is larger than the supported maximum of 10^" + MAX_DECIMAL_EXPONENT);
        }
        if (magnitude <= -NANO_SCALE) {
          // Below one nano: Kubernetes rounds every non-zero value up to 1n.
          amount = BigDecimal.valueOf(1, NANO_SCALE);
        } else {
          amount = new BigDecimal(unscaled, (int) scale).setScale(NANO_SCALE, RoundingMode.UP);
        }
      }
      Format format = suffix.format();
      if (format == Format.BINARY_SI && amount.compareTo(MAX_INT64) > 0) {
        amount = MAX_INT64;
      }
      if (format == Format.BINARY_SI
          && amount.compareTo(BigDecimal.ONE) < 0
          && amount.signum() > 0) {
        format = Format.DECIMAL_SI;
      }
      return ofDecimal(parts.positive() ? amount : amount.negate(), format);
    }
  }

  /** Sign, integer digits (leading zeros dropped), fraction digits and suffix of a quantity. */
  record Parts(boolean positive, String integer, String fraction, String suffix) {

    static Parts split(String s) {
      boolean positive = true;
      int pos = 0;
      int end = s.length();
      if (s.charAt(0) == '-') {
        positive = false;
        pos++;
      } else if (s.charAt(0) == '+') {
        pos++;
      }
      while (pos < end && s.charAt(pos) == '0') {
        pos++;
      }
      if (pos >= end) {
        return new Parts(positive, "0", "", "");
      }
      int integerStart = pos;
      while (pos < end && isDigit(s.charAt(pos))) {
        pos++;
      }
      String integer = pos == integerStart ? "0" : s.substring(integerStart, pos);
      if (pos >= end) {
        return new Parts(positive, integer, "", "");
      }
      String fraction = "";
      if (s.charAt(pos) == '.') {
        pos++;
        int fractionStart = pos;
        while (pos < end && isDigit(s.charAt(pos))) {
          pos++;
        }
        fraction = s.substring(fractionStart, pos);
        if (pos >= end) {
          return new Parts(positive, integer, fraction, "");
        }
      }
      int suffixStart = pos;
      while (pos < end && "eEinumkKMGTP".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      if (pos < end && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
        pos++;
      }
      while (pos < end && isDigit(s.charAt(pos))) {
        pos++;
      }
      if (pos < end) {
        throw new QuantityFormatException(ERR_FORMAT_WRONG);
      }
      return new Parts(positive, integer, fraction, s.substring(suffixStart));
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
