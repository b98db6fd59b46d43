package io.sparkgate.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.runtime.RuntimeHelpers;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * The values of SparkTenant fields that must parse the way the pack's policies parse them, named in
 * the tenant's schema by {@code x-sparkgate-format}. A new field with one of these formats needs no
 * Java; a new format does.
 */
enum TenantFieldFormat {
  /** A pod label value (the mutating pack copies it onto pods). */
  LABEL_VALUE("label-value") {
    @Override
    String problem(JsonNode value) {
      if (!value.isTextual()) {
        return TenantProblems.shown(value) + " is not a string";
      }
      if (value.asText().length() > 63 || !TenantPatterns.LABEL_VALUE.test(value.asText())) {
        return TenantProblems.shown(value) + " is not a label value: at most 63 letters, digits, '-', '_' or '.',"
            + " starting and ending with a letter or digit (it becomes a pod label)";
      }
      return null;
    }
  },
  /** A CPU amount as {@code spark.millicores} reads it. */
  CPU("cpu") {
    @Override
    String problem(JsonNode value) {
      return amount(value, SparkCpu::millicores, SparkCpu::millicores,
          " is not a CPU amount: use an integer or a quantity string such as \"1500m\"");
    }
  },
  /** A memory size as {@code spark.memoryBytes} reads it. */
  MEMORY("memory") {
    @Override
    String problem(JsonNode value) {
      return amount(value, SparkMemory::checkBytes, SparkMemory::parseBytes,
          " is not a memory size: use a string such as \"8g\" or \"8Gi\"");
    }
  },
  /** A regular expression as CEL's {@code matches} reads it (RE2). */
  RE2("re2") {
    @Override
    String problem(JsonNode value) {
      if (!value.isTextual()) {
        return TenantProblems.shown(value) + " is not a string";
      }
      if (value.asText().isEmpty()) {
        return "is empty: leave it out to allow any name";
      }
      try {
        Pattern.compile(value.asText());
      } catch (PatternSyntaxException e) {
        return TenantProblems.shown(value) + " is not a regular expression (RE2): " + e.getMessage();
      }
      return null;
    }
  },
  /** A positive duration as CEL's {@code duration(string)} reads it. */
  DURATION("duration") {
    @Override
    String problem(JsonNode value) {
      String notADuration = " is not a duration: use hours, minutes and seconds such as \"90m\", \"24h\" or \"1h30m\"";
      if (!value.isTextual()) {
        return TenantProblems.shown(value) + notADuration;
      }
      Duration parsed;
      try {
        // The very parser of CEL's duration(string), which the pack's policies call.
        parsed = RuntimeHelpers.createJavaDurationFromString(value.asText());
      } catch (RuntimeException e) {
        return TenantProblems.shown(value) + notADuration;
      }
      return parsed.isNegative() || parsed.isZero() ? TenantProblems.shown(value) + " is not a positive duration" : null;
    }
  },
  REGION("region", TenantPatterns.LABEL_VALUE, "a region name (a label value)"),
  URI_PREFIX("uri-prefix", TenantPatterns.URI_SCHEME, "a URI prefix with a scheme, such as \"s3a://bucket/\""),
  SERVICE_ACCOUNT("service-account", TenantPatterns.DNS_SUBDOMAIN, "a service account name");

  private final String schemaName;
  private final Predicate<String> shape;
  private final String shapeName;

  TenantFieldFormat(String schemaName) {
    this(schemaName, null, null);
  }

  TenantFieldFormat(String schemaName, Predicate<String> shape, String shapeName) {
    this.schemaName = schemaName;
    this.shape = shape;
    this.shapeName = shapeName;
  }

  static Optional<TenantFieldFormat> named(String schemaName) {
    return Arrays.stream(values()).filter(f -> f.schemaName.equals(schemaName)).findFirst();
  }

  /** A number Spark reads from an integer or a string; a value of another type is {@code notOne}. */
  private static String amount(JsonNode value, LongConsumer integer, Consumer<String> text, String notOne) {
    try {
      if (value.isIntegralNumber() && value.canConvertToLong()) {
        integer.accept(value.asLong());
      } else if (value.isTextual()) {
        text.accept(value.asText());
      } else {
        return TenantProblems.shown(value) + notOne;
      }
    } catch (SparkValueException e) {
      return e.getMessage();
    }
    return null;
  }

  /** What is wrong with {@code value} (after the field's name), or null when it is good. */
  String problem(JsonNode value) {
    if (!value.isTextual() || value.asText().isEmpty()) {
      return TenantProblems.shown(value) + " is not a non-empty string";
    }
    if (value.asText().length() > 253 || !shape.test(value.asText())) {
      return TenantProblems.shown(value) + " is not " + shapeName;
    }
    return null;
  }
}
