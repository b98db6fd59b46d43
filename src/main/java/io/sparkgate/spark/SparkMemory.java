package io.sparkgate.spark;

import io.sparkgate.cel.library.Quantity;
import io.sparkgate.cel.library.QuantityFormatException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Memory sizes as Spark reads them ({@code JavaUtils.byteStringAs}): a whole number with an
 * optional binary, case-insensitive suffix {@code b k kb m mb g gb t tb p pb}; surrounding
 * whitespace is ignored. Kubernetes binary quantities ({@code 512Mi}, {@code 8Gi}) are accepted
 * too, although Spark itself refuses them. Decimal Kubernetes suffixes are not: {@code 1G} is
 * Spark's 1 GiB.
 *
 * <p>A number without a suffix is counted in the unit of the setting it comes from: bytes for
 * {@link #parseBytes}, MiB for {@code spark.driver.memory}, {@code spark.executor.memory} and the
 * overhead settings ({@link #parseMebibytes}).
 */
public final class SparkMemory {

  public static final long KIB = 1L << 10;
  public static final long MIB = 1L << 20;

  /** Longer texts are refused before any work: no real memory size comes close. */
  static final int MAX_LENGTH = 64;

  private static final Map<String, Long> SPARK_SUFFIXES =
      Map.ofEntries(
          Map.entry("b", 1L),
          Map.entry("k", 1L << 10),
          Map.entry("kb", 1L << 10),
          Map.entry("m", 1L << 20),
          Map.entry("mb", 1L << 20),
          Map.entry("g", 1L << 30),
          Map.entry("gb", 1L << 30),
          Map.entry("t", 1L << 40),
          Map.entry("tb", 1L << 40),
          Map.entry("p", 1L << 50),
          Map.entry("pb", 1L << 50));

  private static final Set<String> KUBERNETES_SUFFIXES =
      Set.of("Ki", "Mi", "Gi", "Ti");

  private SparkMemory() {}

  /** The number of bytes; a number without a suffix is bytes. */
  public static long parseBytes(String text) {
    return parse(text, 1L);
  }

  /**
   * The number of MiB, as Spark reads a {@code bytesConf(ByteUnit.MiB)} setting: a number without
   * a suffix is MiB and smaller units are truncated ({@code 1536k} is 1 MiB).
   */
  public static long parseMebibytes(String text) {
    return parse(text, MIB);
  }

  /** A byte count given as a CEL int: it only has to be non-negative. */
  public static long checkBytes(long bytes) {
    if (bytes < 0) {
      throw new MemorySizeException(Long.toString(bytes), MemorySizeException.NEGATIVE);
    }
    return bytes;
  }

  /** The size in units of {@code unit} bytes, truncated as Spark's {@code ByteUnit} does. */
  static long parse(String text, long unit) {
    if (text.length() > MAX_LENGTH) {
      throw invalid(text, MemorySizeException.EXPECTED);
    }
    String trimmed = text.trim();
    int digitsEnd = 0;
    while (digitsEnd < trimmed.length() && isDigit(trimmed.charAt(digitsEnd))) {
      digitsEnd++;
    }
    if (digitsEnd == 0) {
      throw invalid(text, MemorySizeException.EXPECTED);
    }
    String suffix = trimmed.substring(digitsEnd);
    if (isFraction(suffix)) {
      throw invalid(text, MemorySizeException.FRACTION);
    }
    long bytes;
    if (KUBERNETES_SUFFIXES.contains(suffix)) {
      bytes = kubernetesBytes(text, trimmed);
      return bytes / unit;
    }
    Long suffixUnit = suffix.isEmpty() ? Long.valueOf(unit) : SPARK_SUFFIXES.get(lower(suffix));
    if (suffixUnit == null) {
      throw invalid(text, MemorySizeException.EXPECTED);
    }
    long number = parseDigits(text, trimmed.substring(0, digitsEnd));
    return convert(text, number, suffixUnit, unit);
  }

  private static long kubernetesBytes(String text, String trimmed) {
    try {
      long bytes = Quantity.parse(trimmed).toBytes();
      // Kubernetes clamps overflowing quantities to 2^63-1, an odd number that no multiple of
      // 1024 can be: seeing it means the size does not fit.
      if (bytes == Long.MAX_VALUE) {
        throw invalid(text, MemorySizeException.TOO_LARGE);
      }
      return bytes;
    } catch (ArithmeticException e) {
      throw invalid(text, MemorySizeException.TOO_LARGE);
    } catch (QuantityFormatException e) {
      throw invalid(text, MemorySizeException.EXPECTED);
    }
  }

  private static long convert(String text, long number, long from, long to) {
    if (from >= to) {
      try {
        return Math.multiplyExact(number, from / to);
      } catch (ArithmeticException e) {
        throw invalid(text, MemorySizeException.TOO_LARGE);
      }
    }
    return number / (to / from);
  }

  private static long parseDigits(String text, String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw invalid(text, MemorySizeException.TOO_LARGE);
    }
  }

  /** {@code .5g} after the digits: Spark names fractions separately, and so do we. */
  private static boolean isFraction(String suffix) {
    return suffix.length() > 1 && suffix.charAt(0) == '.' && isDigit(suffix.charAt(1));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String lower(String suffix) {
    return suffix.toLowerCase(Locale.ROOT);
  }

  private static MemorySizeException invalid(String text, String reason) {
    return new MemorySizeException(ValueText.quote(text), reason);
  }
}
