package io.sparkgate.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The problems of one tenant, collected in field order, and how they show a value. */
final class TenantProblems {
  private final List<SparkTenantValidator.Problem> problems = new ArrayList<>();

  void add(TenantField field, String message) {
    problems.add(new SparkTenantValidator.Problem(field.pointer(), field.name() + " " + message));
  }

  List<SparkTenantValidator.Problem> list() {
    return List.copyOf(problems);
  }

  /** A value as messages quote it: strings in quotes and cut at 64 characters. */
  static String shown(JsonNode value) {
    String text = value.isTextual() ? value.asText() : value.toString();
    if (text.length() > 64) {
      text = text.substring(0, 64) + "…";
    }
    return value.isTextual() ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : text;
  }
}
