package io.sparkgate.cel.library;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.NullValue;
import dev.cel.common.types.CelType;
import dev.cel.common.types.TypeType;
import dev.cel.common.values.CelByteString;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Equality, ordering and type names of CEL run-time values, as cel-go defines them. */
final class CelValues {

  private CelValues() {}

  /** CEL equality: numbers compare across int, uint and double; lists and maps deeply. */
  static boolean equal(Object a, Object b) {
    if (isNumber(a) && isNumber(b)) {
      return compareNumbers(a, b) == 0 && !isNaN(a) && !isNaN(b);
    }
    if (a instanceof List<?> left && b instanceof List<?> right) {
      if (left.size() != right.size()) {
        return false;
      }
      Iterator<?> l = left.iterator();
      Iterator<?> r = right.iterator();
      while (l.hasNext()) {
        if (!equal(l.next(), r.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> left && b instanceof Map<?, ?> right) {
      if (left.size() != right.size()) {
        return false;
      }
      for (Map.Entry<?, ?> entry : left.entrySet()) {
        Optional<Object> other = lookup(right, entry.getKey());
        if (other.isEmpty() || !equal(entry.getValue(), other.get())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static Optional<Object> lookup(Map<?, ?> map, Object key) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (equal(entry.getKey(), key)) {
        return Optional.ofNullable(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * Orders two values of the comparable CEL types (numbers across kinds, strings by code point,
   * bytes unsigned, bools false first, timestamps, durations).
   *
   * @throws IllegalArgumentException when the two values cannot be compared
   */
  static int compare(Object a, Object b) {
    if (isNumber(a) && isNumber(b)) {
      return compareNumbers(a, b);
    }
    if (a instanceof String x && b instanceof String y) {
      return compareCodePoints(x, y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    if (a instanceof CelByteString x && b instanceof CelByteString y) {
      return compareBytes(x.toByteArray(), y.toByteArray());
    }
    if (a instanceof Instant x && b instanceof Instant y) {
      return x.compareTo(y);
    }
    if (a instanceof Duration x && b instanceof Duration y) {
      return x.compareTo(y);
    }
    throw new IllegalArgumentException(
        "no such overload: cannot compare " + typeName(a) + " with " + typeName(b));
  }

  static boolean isComparable(Object value) {
    return isNumber(value)
        || value instanceof String
        || value instanceof Boolean
        || value instanceof CelByteString
        || value instanceof Instant
        || value instanceof Duration;
  }

  static boolean isNumber(Object value) {
    return value instanceof Long || value instanceof Double || value instanceof UnsignedLong;
  }

  private static boolean isNaN(Object value) {
    return value instanceof Double d && d.isNaN();
  }

  private static int compareNumbers(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof UnsignedLong x && b instanceof UnsignedLong y) {
      return x.compareTo(y);
    }
    if (a instanceof Double || b instanceof Double) {
      double x = toDouble(a);
      double y = toDouble(b);
      if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
        return Double.compare(x, y);
      }
      return toBigDecimal(a).compareTo(toBigDecimal(b)); // exact, unlike widening to double
    }
    if (a instanceof Long x) {
      return x < 0 ? -1 : UnsignedLong.fromLongBits(x).compareTo((UnsignedLong) b);
    }
    long y = (Long) b;
    return y < 0 ? 1 : ((UnsignedLong) a).compareTo(UnsignedLong.fromLongBits(y));
  }

  private static BigDecimal toBigDecimal(Object number) {
    if (number instanceof Double d) {
      return new BigDecimal(d);
    }
    if (number instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    return new BigDecimal(((UnsignedLong) number).bigIntegerValue());
  }

  private static double toDouble(Object number) {
    if (number instanceof Double d) {
      return d;
    }
    if (number instanceof Long l) {
      return l;
    }
    return ((UnsignedLong) number).doubleValue();
  }

  static int compareCodePoints(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int cx = x.codePointAt(i);
      int cy = y.codePointAt(j);
      if (cx != cy) {
        return Integer.compare(cx, cy);
      }
      i += Character.charCount(cx);
      j += Character.charCount(cy);
    }
    return Boolean.compare(i < x.length(), j < y.length());
  }

  private static int compareBytes(byte[] x, byte[] y) {
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** CEL null: CEL-Java's own null literal, or protobuf's NullValue given for JSON null. */
  static boolean isNull(Object value) {
    return value == null
        || value instanceof NullValue
        || value instanceof dev.cel.common.values.NullValue;
  }

  /** The name a CEL type value prints as: {@code type('a')} holds the type {@code string}. */
  static String typeValueName(CelType type) {
    return type instanceof TypeType typeType ? typeType.type().name() : type.name();
  }

  /** The CEL name of a value's type, for error messages. */
  static String typeName(Object value) {
    if (isNull(value)) {
      return "null_type";
    }
    if (value instanceof Long) {
      return "int";
    }
    if (value instanceof UnsignedLong) {
      return "uint";
    }
    if (value instanceof Double) {
      return "double";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof CelByteString) {
      return "bytes";
    }
    if (value instanceof Instant) {
      return "google.protobuf.Timestamp";
    }
    if (value instanceof Duration) {
      return "google.protobuf.Duration";
    }
    if (value instanceof List) {
      return "list";
    }
    if (value instanceof Map) {
      return "map";
    }
    if (value instanceof CelType) {
      return "type";
    }
    if (value instanceof Optional) {
      return "optional_type";
    }
    if (value instanceof Quantity) {
      return KubeTypes.QUANTITY.name();
    }
    if (value instanceof KubeUrl) {
      return KubeTypes.URL.name();
    }
    if (value instanceof IpAddress) {
      return KubeTypes.IP.name();
    }
    if (value instanceof Cidr) {
      return KubeTypes.CIDR.name();
    }
    if (value instanceof Semver) {
      return KubeTypes.SEMVER.name();
    }
    if (value instanceof NamedFormat) {
      return KubeTypes.NAMED_FORMAT.name();
    }
    return value.getClass().getName();
  }
}
