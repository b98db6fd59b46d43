package io.sparkgate.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sparkgate.patch.JsonEquality;
import io.sparkgate.patch.JsonPatchApplier;
import io.sparkgate.patch.JsonPatchOperation;
import io.sparkgate.patch.PatchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Compares an AdmissionReview response with a case's {@code expect} block. */
final class Expectations {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Expectations() {}

  /** @param original the object as sent, which a returned patch applies to */
  static List<String> check(JsonNode expect, JsonNode response, JsonNode original) {
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
            ? JsonNodeFactory.instance.arrayNode() : response.path("warnings"));
        case "warningsContain" -> contains(failures, "warnings", want, response.path("warnings").toString());
        case "auditAnnotations" -> auditAnnotations(failures, want, response.path("auditAnnotations"));
        case "patched" -> equal(failures, "patched", want,
            BooleanNode.valueOf(response.has("patch")));
        case "patch" -> equal(failures, "patch", want, patch(response));
        case "object" -> patchedObject(failures, want, response, original);
        default -> failures.add("unknown expectation \"" + field.getKey() + "\"");
      }
    }
    return failures;
  }

  /** The decoded patch of the response; an empty list when it has none. */
  private static JsonNode patch(JsonNode response) {
    if (!response.hasNonNull("patch")) {
      return JsonNodeFactory.instance.arrayNode();
    }
    try {
      return JSON.readTree(Base64.getDecoder().decode(response.get("patch").asText()));
    } catch (IOException | IllegalArgumentException e) {
      return JsonNodeFactory.instance.textNode("undecodable patch: " + e.getMessage());
    }
  }

  private static void patchedObject(List<String> failures, JsonNode want, JsonNode response, JsonNode original) {
    if (original == null || original.isNull()) {
      failures.add("object: the request has no object to patch");
      return;
    }
    try {
      List<JsonPatchOperation> operations = new ArrayList<>();
      for (JsonNode operation : patch(response)) {
        operations.add(new JsonPatchOperation(operation.path("op").asText(), operation.path("path").asText(),
            operation.has("from") ? operation.get("from").asText() : null, operation.get("value")));
      }
      JsonNode patched = JsonPatchApplier.apply(original, operations);
      if (!JsonEquality.same(want, patched)) {
        failures.add("object: expected " + want + ", got " + patched);
      }
    } catch (PatchException e) {
      failures.add("object: the patch does not apply: " + e.getMessage());
    }
  }

  private static void equal(List<String> failures, String what, JsonNode want, JsonNode got) {
    if (!JsonEquality.same(want, got)) {
      failures.add(what + ": expected " + want + ", got " + (got.isMissingNode() ? "nothing" : got));
    }
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
          JsonNode parsed = JSON.readTree(value.asText(""));
          if (!JsonEquality.same(expected.get("json"), parsed)) {
            failures.add("auditAnnotations." + entry.getKey() + ": expected JSON " + expected.get("json") + ", got " + value);
          }
        } catch (IOException e) {
          failures.add("auditAnnotations." + entry.getKey() + ": not JSON: " + value);
        }
      } else if (!expected.equals(value)) {
        failures.add("auditAnnotations." + entry.getKey() + ": expected " + expected + ", got "
            + (value.isMissingNode() ? "nothing" : value));
      }
    });
  }
}
