package io.sparkgate.evaluate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns CEL-Java's error texts into the wording Kubernetes (cel-go) users know. */
final class CelErrors {
  private static final Pattern LOCATION_PREFIX = Pattern.compile("^evaluation error(?: at [^:]*:\\d+)?: ");
  private static final Pattern MISSING_KEY = Pattern.compile("^key '(.*)' is not present in map\\.?$", Pattern.DOTALL);
  private static final Pattern ITERATIONS = Pattern.compile("(?i).*iteration budget exceeded.*");
  private static final Pattern NOT_SELECTABLE =
      Pattern.compile("^Error resolving field '(.*)'\\. Field selections must be performed on messages or maps\\.$", Pattern.DOTALL);
  private static final Pattern SLICE =
      Pattern.compile("^Function 'list_slice' failed with arg\\(s\\) '.*, (-?\\d+), (-?\\d+)'$", Pattern.DOTALL);
  private static final Pattern FLATTEN = Pattern.compile("^Function 'list_flatten[a-z_]*' failed with arg\\(s\\) .*", Pattern.DOTALL);
  private static final Pattern SLICE_LENGTH = Pattern.compile("^List is length (\\d+)$");

  private CelErrors() {}

  /**
   * The text of an evaluation error; {@code cause} is the message of its cause, for the errors of
   * CEL-Java's list extension, whose own message names only the overload and its arguments.
   */
  static String describe(String message, String cause) {
    String text = describe(message);
    Matcher slice = SLICE.matcher(text);
    if (slice.matches() && cause != null) {
      return sliceError(slice.group(1), slice.group(2), cause);
    }
    if (FLATTEN.matcher(text).matches() && cause != null && cause.startsWith("Level must be non-negative")) {
      // ext/lists.go flatten
      return "level must be non-negative";
    }
    return text;
  }

  /** cel-go's texts, ext/lists.go slice. */
  private static String sliceError(String start, String end, String cause) {
    String prefix = "cannot slice(" + start + ", " + end + "), ";
    Matcher length = SLICE_LENGTH.matcher(cause);
    if (length.matches()) {
      return prefix + "list is length " + length.group(1);
    }
    if (cause.startsWith("Negative indexes")) {
      return prefix + "negative indexes not supported";
    }
    if (cause.startsWith("Start index must be")) {
      return prefix + "start index must be less than or equal to end index";
    }
    return cause;
  }

  static String describe(String message) {
    if (message == null) {
      return "unknown error";
    }
    String text = LOCATION_PREFIX.matcher(message).replaceFirst("");
    Matcher missing = MISSING_KEY.matcher(text);
    if (missing.matches()) {
      return "no such key: " + missing.group(1);
    }
    Matcher notSelectable = NOT_SELECTABLE.matcher(text);
    if (notSelectable.matches()) {
      // a field selected on null or a scalar: cel-go's attribute qualifier says no such key
      return "no such key: " + notSelectable.group(1);
    }
    if (ITERATIONS.matcher(text).matches()) {
      return "operation cancelled: exceeded the budget of " + io.sparkgate.cel.CelEnvironment.MAX_ITERATIONS
          + " comprehension iterations";
    }
    return text;
  }
}
