package io.sparkgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.PolicySetLoader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reports {@code scan --output policyreport} writes are valid against the published
 * wgpolicyk8s.io/v1alpha2 CRD schema (structural: types, enums, required fields, no field the API
 * server would prune), and their summaries count their results.
 */
class PolicyReportSchemaTest {
  @Test
  void reportsOfTheClusterFixtureAreValidPolicyReports() throws Exception {
    JsonNode schema;
    try (InputStream in = getClass().getResourceAsStream("/wgpolicyk8s/policyreport-v1alpha2.json")) {
      schema = new ObjectMapper().readTree(in);
    }
    List<ScannedObject> objects = new ScanInputs(new ByteArrayInputStream(new byte[0]))
        .read(List.of("test-fixtures/scan/cluster.yaml"));
    ScanResult result = new Scanner().scan(
        new PolicySetLoader(CelEnvironment.standard()).load(Path.of("policies")).policySet(), objects, null);
    List<ObjectNode> reports = PolicyReports.of(result, Instant.ofEpochSecond(1_764_748_800L, 5));

    assertThat(reports).isNotEmpty();
    for (ObjectNode report : reports) {
      List<String> problems = new ArrayList<>();
      check(schema, report, "", problems);
      assertThat(problems).as(report.toString()).isEmpty();
      JsonNode summary = report.path("summary");
      int total = 0;
      for (String status : List.of("pass", "fail", "warn", "error", "skip")) {
        int counted = 0;
        for (JsonNode entry : report.path("results")) {
          counted += entry.path("result").asText().equals(status) ? 1 : 0;
          assertThat(entry.path("source").asText()).isEqualTo("sparkgate");
          assertThat(entry.path("resources")).hasSize(1);
        }
        assertThat(summary.path(status).asInt()).as(status).isEqualTo(counted);
        total += counted;
      }
      assertThat(total).isEqualTo(report.path("results").size());
    }
  }

  @Test
  void aNamespaceWithMoreResultsThanOneReportHoldsGetsSeveralEachWithItsSummary() {
    List<ObjectOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 2 * PolicyReports.MAX_RESULTS + 1; i++) {
      ScannedObject pod = new ScannedObject(new ObjectMapper().createObjectNode().put("apiVersion", "v1").put("kind", "Pod")
          .set("metadata", new ObjectMapper().createObjectNode().put("name", "p" + i).put("namespace", "big")), "x");
      outcomes.add(new ObjectOutcome(pod, "big", true,
          List.of(new Finding("p", i % 2 == 0 ? ScanStatus.PASS : ScanStatus.WARN, "m")), List.of(), ""));
    }
    List<ObjectNode> reports = PolicyReports.of(new ScanResult("h", outcomes, outcomes.size(), 1), Instant.EPOCH);
    assertThat(reports).extracting(r -> r.path("metadata").path("name").asText())
        .containsExactly("sparkgate-big", "sparkgate-big-2", "sparkgate-big-3");
    assertThat(reports).extracting(r -> r.path("results").size())
        .containsExactly(PolicyReports.MAX_RESULTS, PolicyReports.MAX_RESULTS, 1);
    assertThat(reports.stream().mapToInt(r -> r.path("summary").path("pass").asInt()).sum())
        .isEqualTo(PolicyReports.MAX_RESULTS + 1);
    assertThat(reports.stream().mapToInt(r -> r.path("summary").path("warn").asInt()).sum())
        .isEqualTo(PolicyReports.MAX_RESULTS);
  }

  @Test
  void theCheckRefusesWhatTheCrdRefuses() throws Exception {
    JsonNode schema;
    try (InputStream in = getClass().getResourceAsStream("/wgpolicyk8s/policyreport-v1alpha2.json")) {
      schema = new ObjectMapper().readTree(in);
    }
    JsonNode bad = new ObjectMapper().readTree("""
        {"apiVersion": "wgpolicyk8s.io/v1alpha2", "kind": "PolicyReport", "metadata": {},
         "summary": {"fail": "1"},
         "results": [{"result": "waived", "policy": "p", "timestamp": {"seconds": 1}, "extra": true}]}
        """);
    List<String> problems = new ArrayList<>();
    check(schema, bad, "", problems);
    assertThat(problems).containsExactlyInAnyOrder("/summary/fail: not integer",
        "/results/0/result: waived not in [\"pass\",\"fail\",\"warn\",\"error\",\"skip\"]",
        "/results/0/timestamp: nanos required", "/results/0/extra: not in the schema");
  }

  /** An OpenAPI v3 structural schema check of the parts the CRD uses. */
  static void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
    String type = schema.path("type").asText("");
    boolean typed = switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
    if (!typed) {
      problems.add(at + ": not " + type);
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.path("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        problems.add(at + ": " + value.asText() + " not in " + schema.path("enum"));
      }
    }
    if (schema.path("format").asText().equals("int32") && !value.canConvertToInt()) {
      problems.add(at + ": not int32");
    }
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.path("items"), value.get(i), at + "/" + i, problems);
      }
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(at + ": " + required.asText() + " required");
        }
      }
      boolean open = !schema.has("properties") && !schema.has("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode declared = schema.path("properties").get(field.getKey());
        if (declared != null) {
          check(declared, field.getValue(), at + "/" + field.getKey(), problems);
        } else if (schema.has("additionalProperties")) {
          check(schema.path("additionalProperties"), field.getValue(), at + "/" + field.getKey(), problems);
        } else if (!open) {
          problems.add(at + "/" + field.getKey() + ": not in the schema");
        }
      }
    }
  }
}
