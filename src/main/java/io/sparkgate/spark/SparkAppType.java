package io.sparkgate.spark;

import java.util.Locale;
import java.util.Optional;

/** The language of a Spark application; Python and R are Spark's non-JVM resources. */
enum SparkAppType {
  SCALA("Scala"),
  JAVA("Java"),
  PYTHON("Python"),
  R("R");

  private final String text;

  SparkAppType(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  /** Spark gives non-JVM applications a larger default memory overhead factor (0.4). */
  boolean isJvm() {
    return this == SCALA || this == JAVA;
  }

  static Optional<SparkAppType> named(String name) {
    for (SparkAppType type : values()) {
      if (type.text.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
