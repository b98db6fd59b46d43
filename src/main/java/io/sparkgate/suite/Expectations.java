package io.sparkgate.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Compares an AdmissionReview response with a case's {@code expect} block. */
final class Expectations {
  private Expectations() {}

  static List<String> check(JsonNode expect, JsonNode response) {
    List<String> failures = new ArrayList<>();
    if (expect == null || expect.isNull()) {
      return failures;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = expect.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode want = field.getValue();
      switch (field.getKey()) {
        case "allowed" -> equal(failures, "allowed", want, response.path("allowed"));
        case "code" -> equal(failures, "code", want, response.path("status").path("code"));
        case "reason" -> equal(failures, "reason", want, response.path("status").path("reason"));
        case "message" -> equal(failures, "message", want, response.path("status").path("message"));
        case "messageContains" -> contains(failures, "message", want, response.path("status").path("message").asText(""));
        case "messageExcludes" -> excludes(failures, want, response.path("status").path("message").asText(""));
        case "warnings" -> equal(failures, "warnings", want, response.path("warnings").isMissingNode()
            ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : response.path("warnings"));
        case "warningsContain" -> contains(failures, "warnings", want, response.path("warnings").toString());
        case "auditAnnotations" -> auditAnnotations(failures, want, response.path("auditAnnotations"));
        case "patched" -> equal(failures, "patched", want,
            com.fasterxml.jackson.databind.node.BooleanNode.valueOf(response.has("patch")));
        default -> failures.add("unknown expectation \"" + field.getKey() + "\"");
      }
    }
    return failures;
  }

  private static void equal(List<String> failures, String what, JsonNode want, JsonNode got) {
    if (!sameValue(want, got)) {
      failures.add(what + ": expected " + want + ", got " + (got.isMissingNode() ? "nothing" : got));
    }
  }

  private static boolean sameValue(JsonNode want, JsonNode got) {
    return sameJson(want, got);
  }

  /** Structural equality in which 1 (int) and 1 (long) and 1.0 are one number. */
  static boolean sameJson(JsonNode want, JsonNode got) {
    return want.equals((a, b) -> {
      if (a.isNumber() && b.isNumber()) {
        return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
      }
      return a.equals(b) ? 0 : 1;
    }, got);
  }

  private static void contains(List<String> failures, String what, JsonNode want, String text) {
    for (JsonNode part : want.isArray() ? want : List.of(want)) {
      if (!text.contains(part.asText())) {
        failures.add(what + ": expected to contain \"" + part.asText() + "\", got \"" + text + "\"");
      }
    }
  }

  private static void excludes(List<String> failures, JsonNode want, String text) {
    for (JsonNode part : want.isArray() ? want : List.of(want)) {
      if (text.contains(part.asText())) {
        failures.add("message: expected not to contain \"" + part.asText() + "\", got \"" + text + "\"");
      }
    }
  }

  private static void auditAnnotations(List<String> failures, JsonNode want, JsonNode got) {
    if (want.isObject() && want.isEmpty()) {
      if (got.isObject() && !got.isEmpty()) {
        failures.add("auditAnnotations: expected none, got " + got);
      }
      return;
    }
    want.properties().forEach(entry -> {
      JsonNode value = got.path(entry.getKey());
      JsonNode expected = entry.getValue();
      if (expected.isObject() && expected.has("json")) {
        try {
          JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(value.asText(""));
          if (!sameJson(expected.get("json"), parsed)) {
            failures.add("auditAnnotations." + entry.getKey() + ": expected JSON " + expected.get("json") + ", got " + value);
          }
        } catch (java.io.IOException e) {
          failures.add("auditAnnotations." + entry.getKey() + ": not JSON: " + value);
        }
      } else if (!expected.equals(value)) {
        failures.add("auditAnnotations." + entry.getKey() + ": expected " + expected + ", got "
            + (value.isMissingNode() ? "nothing" : value));
      }
    });
  }
}
