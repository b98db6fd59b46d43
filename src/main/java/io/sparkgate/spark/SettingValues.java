package io.sparkgate.spark;

import java.math.BigInteger;
import java.util.Locale;

/** Reads settings as Spark reads its configuration; a bad value fails and names its field. */
final class SettingValues {

  private static final long MAX_INT32 = Integer.MAX_VALUE;

  private SettingValues() {}

  /** A {@code bytesConf(ByteUnit.MiB)} setting: a number without a suffix is MiB. */
  static long mebibytes(Setting setting) {
    String text = text(setting);
    try {
      long mebibytes = SparkMemory.parseMebibytes(text);
      if (mebibytes > Long.MAX_VALUE / SparkMemory.MIB) {
        throw new MemorySizeException(ValueText.quote(text), MemorySizeException.TOO_LARGE);
      }
      return mebibytes;
    } catch (MemorySizeException e) {
      throw new SparkValueException(setting.field() + " " + e.getMessage());
    }
  }

  /** A {@code bytesConf(ByteUnit.BYTE)} setting: a number without a suffix is bytes. */
  static long bytes(Setting setting) {
    try {
      return SparkMemory.parseBytes(text(setting));
    } catch (MemorySizeException e) {
      throw new SparkValueException(setting.field() + " " + e.getMessage());
    }
  }

  /** An {@code intConf} count (cores, executors): a whole number from 0 to 2^31-1. */
  static long count(Setting setting, String what) {
    Object value = setting.value();
    long count;
    if (value instanceof Long number) {
      count = number;
    } else if (value instanceof Double number && number == Math.rint(number)
        && Math.abs(number) <= MAX_INT32) {
      count = number.longValue();
    } else if (value instanceof String text && isInteger(text.trim())) {
      count = clampedInteger(text.trim());
    } else {
      throw notA(setting, "whole number of " + what);
    }
    if (count < 0 || count > MAX_INT32) {
      throw notA(setting, "whole number of " + what + " from 0 to 2147483647");
    }
    return count;
  }

  /** A {@code booleanConf}: true or false in any case, as Scala's {@code toBoolean} reads it. */
  static boolean bool(Setting setting) {
    Object value = setting.value();
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof String text) {
      String word = text.trim().toLowerCase(Locale.ROOT);
      if (word.equals("true") || word.equals("false")) {
        return word.equals("true");
      }
    }
    throw notA(setting, "boolean: use true or false");
  }

  /** A memory overhead factor: a finite, non-negative number such as 0.1. */
  static double factor(Setting setting) {
    Object value = setting.value();
    double factor = Double.NaN;
    if (value instanceof Long number) {
      factor = number;
    } else if (value instanceof Double number) {
      factor = number;
    } else if (value instanceof String text && text.length() <= ValueText.MAX_SHOWN) {
      try {
        factor = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        factor = Double.NaN;
      }
    }
    if (Double.isNaN(factor) || Double.isInfinite(factor) || factor < 0) {
      throw notA(setting, "memory overhead factor: use a number such as 0.1");
    }
    return factor;
  }

  /** A CPU amount (coreLimit, coreRequest, {@code spark.kubernetes.*.cores}) in millicores. */
  static long millicores(Setting setting) {
    try {
      return SparkCpu.millicores(setting.value());
    } catch (SparkValueException e) {
      throw new SparkValueException(setting.field() + " " + e.getMessage());
    }
  }

  /** Strings stay strings; JSON numbers and booleans are read as the text they print as. */
  static String text(Setting setting) {
    Object value = setting.value();
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    throw new SparkValueException(
        setting.field() + " is " + JsonTypes.typeName(value) + ", expected a string");
  }

  private static boolean isInteger(String text) {
    if (text.isEmpty() || text.length() > ValueText.MAX_SHOWN) {
      return false;
    }
    int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The integer, or a value out of int32 range standing for any larger magnitude. */
  private static long clampedInteger(String text) {
    BigInteger number = new BigInteger(text);
    if (number.bitLength() > 40) {
      return number.signum() < 0 ? -1 : Long.MAX_VALUE;
    }
    return number.longValueExact();
  }

  private static SparkValueException notA(Setting setting, String what) {
    return new SparkValueException(
        setting.field() + " " + ValueText.show(setting.value()) + " is not a " + what);
  }
}
