package io.sparkgate.cel.library;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.types.CelType;
import dev.cel.common.values.CelByteString;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The clauses of cel-go's {@code format} (strings extension version 2, which Kubernetes uses):
 * {@code %s %d %f %e %b %x %X %o %%} with an optional {@code .precision} for {@code %f} and
 * {@code %e}. Numbers in {@code %f} and {@code %e} follow the en_US locale of golang.org/x/text:
 * digit grouping, ∞ for infinity and a superscript exponent.
 */
final class StringFormatter {

  /** Precision is unbounded in Kubernetes; bounded here so one clause cannot fill the heap. */
  static final int MAX_PRECISION = 1_000;

  private static final int DEFAULT_PRECISION = 6;
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String[] SUPERSCRIPT_DIGITS = {
    "\u2070", "\u00B9", "\u00B2", "\u00B3", "\u2074", "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"
  };

  static final class FormatException extends Exception {
    FormatException(String message) {
      super(message);
    }
  }

  private StringFormatter() {}

  static String format(String template, List<?> args) throws FormatException {
    StringBuilder out = new StringBuilder(template.length() + 16);
    int argIndex = 0;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < template.length() && template.charAt(i + 1) == '%') {
        out.append('%');
        i += 2;
        continue;
      }
      if (argIndex >= args.size()) {
        throw new FormatException("index " + argIndex + " out of range");
      }
      if (i + 1 >= template.length()) {
        throw new FormatException("unexpected end of string");
      }
      i = formatClause(template, i + 1, args.get(argIndex), out);
      argIndex++;
    }
    return out.toString();
  }

  /** Formats the clause starting after '%' at {@code start}; returns the index after it. */
  private static int formatClause(String template, int start, Object arg, StringBuilder out)
      throws FormatException {
    int i = start;
    Integer precision = null;
    if (template.charAt(i) == '.') {
      i++;
      int digitsStart = i;
      while (true) {
        if (i >= template.length()) {
          throw clauseError(
              "error while parsing precision: could not find end of precision specifier");
        }
        if (!isAsciiDigit(template.charAt(i))) {
          break;
        }
        i++;
      }
      String digits = template.substring(digitsStart, i);
      if (digits.isEmpty()) {
        throw clauseError(
            "error while parsing precision: error while converting precision to integer:"
                + " strconv.Atoi: parsing \"\": invalid syntax");
      }
      if (digits.length() > 4 || Integer.parseInt(digits) > MAX_PRECISION) {
        throw clauseError(
            "error while parsing precision: precision "
                + digits
                + " exceeds maximum allowed precision "
                + MAX_PRECISION);
      }
      precision = Integer.parseInt(digits);
    }
    int verb = template.codePointAt(i);
    i += Character.charCount(verb);
    String formatted =
        switch (verb) {
          case 's' -> formatString(arg);
          case 'd' -> formatDecimal(arg);
          case 'f' -> formatFixed(arg, precision == null ? DEFAULT_PRECISION : precision);
          case 'e' -> formatScientific(arg, precision == null ? DEFAULT_PRECISION : precision);
          case 'b' -> formatBinary(arg);
          case 'x' -> formatHex(arg, false);
          case 'X' -> formatHex(arg, true);
          case 'o' -> formatOctal(arg);
          default -> throw clauseError(
              "unrecognized formatting clause " + GoText.quote(new String(Character.toChars(verb))));
        };
    out.append(formatted);
    return i;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static FormatException clauseError(String message) {
    return new FormatException("could not parse formatting clause: " + message);
  }

  private static FormatException formattingError(String message) {
    return new FormatException("error during formatting: " + message);
  }

  // %s

  private static String formatString(Object arg) throws FormatException {
    if (arg instanceof List<?> list) {
      return formatList(list);
    }
    if (arg instanceof Map<?, ?> map) {
      return formatMap(map);
    }
    if (CelValues.isNull(arg)) {
      return "null";
    }
    if (arg instanceof Long
        || arg instanceof UnsignedLong
        || arg instanceof Double
        || arg instanceof Boolean
        || arg instanceof String
        || arg instanceof Instant
        || arg instanceof CelByteString
        || arg instanceof Duration
        || arg instanceof CelType) {
      return celString(arg);
    }
    throw formattingError(
        "string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists,"
            + " types, durations, and timestamps, was given "
            + CelValues.typeName(arg));
  }

  /** CEL's {@code string(x)} conversion of a scalar. */
  private static String celString(Object arg) throws FormatException {
    if (arg instanceof String s) {
      return s;
    }
    if (arg instanceof Double d) {
      return GoText.formatShortestG(d);
    }
    if (arg instanceof CelByteString bytes) {
      return utf8(bytes);
    }
    if (arg instanceof Instant instant) {
      return timestampString(instant);
    }
    if (arg instanceof Duration duration) {
      return durationString(duration);
    }
    if (arg instanceof CelType type) {
      return CelValues.typeValueName(type);
    }
    return String.valueOf(arg);
  }

  private static String utf8(CelByteString bytes) throws FormatException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw formattingError("invalid UTF-8 in bytes, cannot convert to string");
    }
  }

  /** Go's RFC 3339 with nanoseconds, trailing zeros of the fraction removed. */
  private static String timestampString(Instant instant) {
    StringBuilder s = new StringBuilder(SECONDS.format(instant));
    int nanos = instant.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
      s.append('.').append(fraction);
    }
    return s.append('Z').toString();
  }

  /** cel-go writes a duration as its seconds in shortest decimal form: {@code 6347s}. */
  private static String durationString(Duration duration) {
    double seconds = duration.getSeconds() + duration.getNano() / 1e9;
    return GoText.formatShortestF(seconds) + "s";
  }

  private static String formatList(List<?> list) throws FormatException {
    List<String> parts = new ArrayList<>(list.size());
    for (Object element : list) {
      parts.add(formatNested(element));
    }
    return "[" + String.join(", ", parts) + "]";
  }

  private static String formatMap(Map<?, ?> map) throws FormatException {
    List<String[]> entries = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      entries.add(new String[] {formatMapKey(entry.getKey()), formatNested(entry.getValue())});
    }
    entries.sort((a, b) -> compareUtf8(a[0], b[0]));
    List<String> parts = new ArrayList<>(entries.size());
    for (String[] entry : entries) {
      parts.add(entry[0] + ":" + entry[1]);
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private static int compareUtf8(String a, String b) {
    return CelValues.compareCodePoints(a, b);
  }

  private static String formatMapKey(Object key) throws FormatException {
    if (key instanceof String s) {
      return GoText.quote(s);
    }
    if (key instanceof Boolean || key instanceof Long || key instanceof UnsignedLong) {
      return String.valueOf(key);
    }
    throw formattingError("no formatting function for map key of type " + CelValues.typeName(key));
  }

  /** An element inside a list or map: strings quoted, doubles with six decimals, and so on. */
  private static String formatNested(Object value) throws FormatException {
    if (value instanceof Long || value instanceof UnsignedLong) {
      return String.valueOf(value);
    }
    if (value instanceof String s) {
      return GoText.quote(s);
    }
    if (value instanceof CelByteString bytes) {
      return "b" + GoText.quote(utf8(bytes));
    }
    if (value instanceof Boolean || value instanceof CelType || CelValues.isNull(value)) {
      return formatString(value);
    }
    if (value instanceof Instant instant) {
      return "timestamp(" + GoText.quote(timestampString(instant)) + ")";
    }
    if (value instanceof Duration duration) {
      return "duration(" + GoText.quote(durationString(duration)) + ")";
    }
    if (value instanceof List<?> list) {
      return formatList(list);
    }
    if (value instanceof Map<?, ?> map) {
      return formatMap(map);
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return GoText.quote(d.isNaN() ? "NaN" : (d > 0 ? "+Inf" : "-Inf"));
      }
      return new BigDecimal(d).setScale(DEFAULT_PRECISION, RoundingMode.HALF_EVEN).toPlainString();
    }
    throw formattingError("no formatting function for " + CelValues.typeName(value));
  }

  // %d %b %x %X %o

  private static String formatDecimal(Object arg) throws FormatException {
    if (arg instanceof Long || arg instanceof UnsignedLong) {
      return String.valueOf(arg);
    }
    throw formattingError(
        "decimal clause can only be used on integers, was given " + CelValues.typeName(arg));
  }

  private static String formatBinary(Object arg) throws FormatException {
    if (arg instanceof Long l) {
      return Long.toString(l, 2);
    }
    if (arg instanceof UnsignedLong u) {
      return u.toString(2);
    }
    if (arg instanceof Boolean b) {
      return b ? "1" : "0";
    }
    throw formattingError(
        "only integers and bools can be formatted as binary, was given " + CelValues.typeName(arg));
  }

  private static String formatHex(Object arg, boolean upper) throws FormatException {
    String hex;
    if (arg instanceof Long l) {
      hex = Long.toString(l, 16);
    } else if (arg instanceof UnsignedLong u) {
      hex = u.toString(16);
    } else if (arg instanceof String s) {
      hex = HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    } else if (arg instanceof CelByteString bytes) {
      hex = HexFormat.of().formatHex(bytes.toByteArray());
    } else {
      throw formattingError(
          "only integers, byte buffers, and strings can be formatted as hex, was given "
              + CelValues.typeName(arg));
    }
    return upper ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
  }

  private static String formatOctal(Object arg) throws FormatException {
    if (arg instanceof Long l) {
      return Long.toString(l, 8);
    }
    if (arg instanceof UnsignedLong u) {
      return u.toString(8);
    }
    throw formattingError(
        "octal clause can only be used on integers, was given " + CelValues.typeName(arg));
  }

  // %f %e

  private static double floatArgument(Object arg, String clause) throws FormatException {
    if (arg instanceof Double d) {
      return d;
    }
    if (arg instanceof String s) {
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw formattingError(
        clause + " clause can only be used on doubles, was given " + CelValues.typeName(arg));
  }

  private static String special(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "∞" : "-∞";
    }
    return null;
  }

  private static String formatFixed(Object arg, int precision) throws FormatException {
    double value = floatArgument(arg, "fixed-point");
    String special = special(value);
    if (special != null) {
      return special;
    }
    BigDecimal rounded = new BigDecimal(value).abs().setScale(precision, RoundingMode.HALF_EVEN);
    String plain = rounded.toPlainString();
    int point = plain.indexOf('.');
    String integer = point < 0 ? plain : plain.substring(0, point);
    String fraction = point < 0 ? "" : plain.substring(point);
    return (value < 0 ? "-" : "") + groupThousands(integer) + fraction;
  }

  private static String groupThousands(String digits) {
    StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3);
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        out.append(',');
      }
      out.append(digits.charAt(i));
    }
    return out.toString();
  }

  /**
   * cel-go (strings library before version 4) hands {@code %.Ne} to Go's printer as {@code %Ne}:
   * the precision is always 6 and N is a minimum width, padded with spaces on the left
   * (ext/formatting.go Scientific).
   */
  private static String formatScientific(Object arg, int width) throws FormatException {
    String text = scientific(floatArgument(arg, "scientific"), DEFAULT_PRECISION);
    int length = text.codePointCount(0, text.length());
    return length >= width ? text : " ".repeat(width - length) + text;
  }

  private static String scientific(double value, int precision) {
    String special = special(value);
    if (special != null) {
      return special;
    }
    int exponent = 0;
    String digits;
    if (value == 0) {
      digits = "0".repeat(precision + 1);
    } else {
      BigDecimal rounded =
          new BigDecimal(value).abs().round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
      String unscaled = rounded.unscaledValue().toString();
      exponent = unscaled.length() - 1 - rounded.scale();
      digits = (unscaled + "0".repeat(precision + 1)).substring(0, precision + 1);
    }
    StringBuilder out = new StringBuilder();
    if (value < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0));
    if (precision > 0) {
      out.append('.').append(digits, 1, precision + 1);
    }
    out.append("\u202F\u00D7\u202F10");
    if (exponent < 0) {
      out.append('\u207B');
    }
    String exponentDigits = String.format("%02d", Math.abs(exponent));
    for (char d : exponentDigits.toCharArray()) {
      out.append(SUPERSCRIPT_DIGITS[d - '0']);
    }
    return out.toString();
  }
}
