package io.sparkgate.images;

import java.util.Locale;

/** Trivy's severities, the most severe first. */
public enum Severity {
  CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN;

  /** The severity of this name (any case); null for a name that is none. */
  public static Severity named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
