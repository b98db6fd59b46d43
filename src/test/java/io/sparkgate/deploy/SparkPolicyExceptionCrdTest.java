package io.sparkgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.sparkgate.spark.SparkPolicyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SparkPolicyException CRD's schema accepts every exception Sparkgate reads as well-formed in
 * the fixtures, and refuses the malformed cases Sparkgate refuses (so `kubectl apply` stops them
 * before the webhook does).
 */
class SparkPolicyExceptionCrdTest {
  static JSONSchemaProps schema;

  @BeforeAll
  static void load() throws Exception {
    List<JsonNode> documents = Kustomize.readDocuments(
        Files.readString(DeployManifestsTest.DEPLOY.resolve("base/sparkpolicyexception-crd.yaml")));
    CustomResourceDefinition crd = (CustomResourceDefinition) TypedManifests.read(documents).get(0);
    assertThat(crd.getMetadata().getName()).isEqualTo("sparkpolicyexceptions.sparkgate.io");
    schema = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
  }

  static List<JsonNode> fixtures() throws Exception {
    List<JsonNode> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(Path.of("test-fixtures/exceptions"))) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode document : Kustomize.readDocuments(Files.readString(file))) {
          if (SparkPolicyException.isException(document)) {
            found.add(document);
          }
        }
      }
    }
    return found;
  }

  @Test
  void everyWellFormedFixtureIsAccepted() throws Exception {
    List<JsonNode> exceptions = fixtures();
    assertThat(exceptions).hasSizeGreaterThan(3);
    for (JsonNode exception : exceptions) {
      assertThat(CrdSchemaValidator.validate(schema, exception)).as(exception.toString())
          .isEmpty();
      assertThat(SparkPolicyException.read(exception).problems()).as(exception.toString()).isEmpty();
    }
  }

  static JsonNode good() throws Exception {
    return Kustomize.readDocuments("""
        apiVersion: sparkgate.io/v1
        kind: SparkPolicyException
        metadata: {name: nightly-backfill, namespace: team-alpha}
        spec:
          policies: [sparkgate.io.spark-app-resources]
          applications: ["backfill-*"]
          expires: "2026-12-10T06:00:00Z"
          reason: "quarterly backfill, ticket DATA-4711"
        """).get(0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "expires   | \"next friday\"      | .spec.expires",
      "expires   | \"2026-12-10\"       | .spec.expires",
      "expires   | 1765346400           | .spec.expires",
      "reason    | \"\"                 | .spec.reason",
      "reason    | \"   \"              | .spec.reason",
      "policies  | []                   | .spec.policies",
      "policies  | [\"*\"]              | .spec.policies[0]",
      "applications | []                | .spec.applications",
      "allPolicies | true               | .spec.allPolicies",
  })
  void malformedExceptionsAreRefusedByTheSchemaAndBySparkgate(String field, String value, String expected)
      throws Exception {
    ObjectNode exception = (ObjectNode) good();
    ((ObjectNode) exception.get("spec")).set(field, Kustomize.readDocuments("v: " + value).get(0).get("v"));
    assertThat(CrdSchemaValidator.validate(schema, exception)).anyMatch(p -> p.startsWith(expected));
    assertThat(SparkPolicyException.read(exception).problems()).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource({"policies", "applications", "expires", "reason"})
  void everyFieldIsRequired(String field) throws Exception {
    ObjectNode exception = (ObjectNode) good();
    ((ObjectNode) exception.get("spec")).remove(field);
    assertThat(CrdSchemaValidator.validate(schema, exception)).contains(".spec." + field + ": is required");
    assertThat(SparkPolicyException.read(exception).problems()).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource({"2026-12-10T06:00:00Z", "2026-12-10T07:00:00+01:00", "2026-12-10T06:00:00.5Z"})
  void rfc3339TimesAreAcceptedByBoth(String expires) throws Exception {
    ObjectNode exception = (ObjectNode) good();
    ((ObjectNode) exception.get("spec")).put("expires", expires);
    assertThat(CrdSchemaValidator.validate(schema, exception)).isEmpty();
    assertThat(SparkPolicyException.read(exception).problems()).isEmpty();
  }
}
