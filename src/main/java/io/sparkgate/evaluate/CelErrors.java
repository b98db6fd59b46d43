package io.sparkgate.evaluate;

import io.sparkgate.cel.CelEnvironment;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns CEL-Java's error texts into the wording Kubernetes (cel-go) users know. */
final class CelErrors {
  private static final Pattern LOCATION_PREFIX = Pattern.compile("^evaluation error(?: at [^:]*:\\d+)?: ");
  private static final Pattern MISSING_KEY = Pattern.compile("^key '(.*)' is not present in map\\.?$", Pattern.DOTALL);
  private static final Pattern ITERATIONS = Pattern.compile("(?i).*iteration budget exceeded.*");

  private CelErrors() {}

  static String describe(String message) {
    if (message == null) {
      return "unknown error";
    }
    String text = LOCATION_PREFIX.matcher(message).replaceFirst("");
    Matcher missing = MISSING_KEY.matcher(text);
    if (missing.matches()) {
      return "no such key: " + missing.group(1);
    }
    if (ITERATIONS.matcher(text).matches()) {
      return "operation cancelled: exceeded the budget of " + CelEnvironment.MAX_ITERATIONS
          + " comprehension iterations";
    }
    return text;
  }
}
