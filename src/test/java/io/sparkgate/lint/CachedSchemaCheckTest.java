package io.sparkgate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.CompileCache;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicyFiles;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.source.SourceDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lint's schema check gives the same findings from the compile cache as checked cold: for every
 * policy shipped and in the fixtures, and for policies with schema errors.
 */
class CachedSchemaCheckTest {
  private static final CelEnvironment ENVIRONMENT = CelEnvironment.standard();
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Policies with findings, each in a file of its own. */
  private static Map<Path, String> policiesWithErrors() {
    Map<Path, String> texts = new LinkedHashMap<>();
    String[] policies = {
        SchemaCheckTest.apps("object.spec.executor.instance <= 10"),
        SchemaCheckTest.apps("spark.millicores(params.spec.limits.driver.maxCore) >= 1000"),
        SchemaCheckTest.apps("object.spec.executor.instances.startsWith('1')"),
        SchemaCheckTest.PODS.formatted("pods", "object.spec.containers.all(c, c.imag == 'x')"),
        SchemaCheckTest.PODS.formatted("pods", "variables.containers.all(c, has(c.securityContext.privilegd))"),
        SchemaCheckTest.PODS.formatted("pods", "variables.containerz.size() > 0"),
        SchemaCheckTest.WORKLOADS.formatted("batch", "jobs", "params.datum.size() > 0"),
        SchemaCheckTest.WORKLOADS.formatted("apps", "deployments, statefulsets", "object.spec.serviceNam == 'x'"),
        SchemaCheckTest.APPS.formatted("sparkapplications, scheduledsparkapplications",
            "object.spec.executor.instance > 1"),
    };
    for (int i = 0; i < policies.length; i++) {
      texts.put(Path.of("lint-" + i + ".yaml"), policies[i]);
    }
    return texts;
  }

  private static List<SourceDocument> policyDocuments(Map<Path, String> texts) {
    List<SourceDocument> documents = new ArrayList<>();
    new PolicySetLoader(ENVIRONMENT).onAdmissionDocument(documents::add).compile(texts, new ArrayList<>());
    return documents.stream().filter(document -> document.tree().path("kind").asText().endsWith("AdmissionPolicy")).toList();
  }

  /** Every policy shipped and in the fixtures: their files, and the resources of their suites. */
  private static List<SourceDocument> everyPolicy() throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (String root : List.of("policies", "test-fixtures")) {
      for (Path file : PolicyFiles.list(Path.of(root))) {
        String text = Files.readString(file);
        JsonNode suite = text.startsWith("cases:") || text.contains("\ncases:") ? YAML.readTree(text) : null;
        if (suite == null) {
          texts.put(file, text);
        } else if (suite.path("resources").isArray()) {
          StringBuilder resources = new StringBuilder();
          for (JsonNode resource : suite.path("resources")) {
            resources.append(YAML.writeValueAsString(resource));
          }
          texts.put(Path.of(file + "#resources"), resources.toString());
        }
      }
    }
    List<SourceDocument> documents = new ArrayList<>();
    for (Map.Entry<Path, String> text : texts.entrySet()) {
      documents.addAll(policyDocuments(Map.of(text.getKey(), text.getValue())));
    }
    documents.addAll(policyDocuments(policiesWithErrors()));
    return documents;
  }

  private static List<List<String>> check(List<SourceDocument> documents, CachedSchemaCheck check) {
    return documents.stream().map(document -> check.check(document).stream().map(LoadIssue::toString).toList()).toList();
  }

  @Test
  void everyPolicyGetsTheSameFindingsFromTheCacheAsCold(@TempDir Path dir) throws Exception {
    List<SourceDocument> documents = everyPolicy();
    assertThat(documents.size()).as("policies found").isGreaterThan(80);
    SchemaCheck cold = new SchemaCheck(ENVIRONMENT);
    List<List<String>> expected = documents.stream()
        .map(document -> cold.check(document).stream().map(LoadIssue::toString).toList()).toList();
    assertThat(expected.stream().mapToInt(List::size).sum()).as("findings to compare").isGreaterThanOrEqualTo(9);

    CompileCache filling = CompileCache.in(dir, "build-1");
    assertThat(check(documents, new CachedSchemaCheck(ENVIRONMENT, filling))).isEqualTo(expected);
    assertThat(filling.stores()).as("results kept").isPositive();

    CompileCache reading = CompileCache.in(dir, "build-1");
    assertThat(check(documents, new CachedSchemaCheck(ENVIRONMENT, reading))).isEqualTo(expected);
    assertThat(reading.stores()).as("nothing checked again").isZero();
    assertThat(reading.hits()).as("every policy read back").isEqualTo(documents.size());
  }

  @Test
  void aPolicyThatMovesInItsFileIsReportedWhereItNowStands(@TempDir Path dir) {
    String policy = SchemaCheckTest.apps("object.spec.executor.instance <= 10");
    CompileCache cache = CompileCache.in(dir, "build-1");
    List<SourceDocument> first = policyDocuments(Map.of(Path.of("a.yaml"), policy));
    assertThat(check(first, new CachedSchemaCheck(ENVIRONMENT, cache))).containsExactly(List.of(
        "a.yaml:10:38: SparkApplication (sparkoperator.k8s.io/v1beta2) has no field spec.executor.instance"));

    List<SourceDocument> moved = policyDocuments(Map.of(Path.of("b.yaml"), "# a comment\n\n" + policy));
    CompileCache again = CompileCache.in(dir, "build-1");
    assertThat(check(moved, new CachedSchemaCheck(ENVIRONMENT, again))).containsExactly(List.of(
        "b.yaml:12:38: SparkApplication (sparkoperator.k8s.io/v1beta2) has no field spec.executor.instance"));
    assertThat(again.hits()).isEqualTo(1);
  }

  @Test
  void whatTheFindingsDependOnIsInTheKey() {
    String base = CachedSchemaCheck.key(policyDocuments(Map.of(Path.of("a.yaml"),
        SchemaCheckTest.apps("object.spec.executor.instances <= 10"))).get(0));
    List<String> changed = List.of(
        SchemaCheckTest.apps("object.spec.executor.instances <= 11"),
        SchemaCheckTest.APPS.formatted("scheduledsparkapplications", "object.spec.executor.instances <= 10"),
        SchemaCheckTest.APPS.replace("kind: SparkTenant", "kind: ConfigMap").replace("sparkgate.io/v1", "v1")
            .formatted("sparkapplications", "object.spec.executor.instances <= 10"),
        SchemaCheckTest.APPS.replace("validations:", "matchConditions:")
            .formatted("sparkapplications", "object.spec.executor.instances <= 10"));
    for (String text : changed) {
      assertThat(CachedSchemaCheck.key(policyDocuments(Map.of(Path.of("a.yaml"), text)).get(0))).as(text).isNotEqualTo(base);
    }
    assertThat(CachedSchemaCheck.key(policyDocuments(Map.of(Path.of("b.yaml"),
        "# moved\n" + SchemaCheckTest.apps("object.spec.executor.instances <= 10"))).get(0))).isEqualTo(base);
  }

  @Test
  void corruptEntriesAreCheckedAgain(@TempDir Path dir) throws Exception {
    List<SourceDocument> documents = policyDocuments(policiesWithErrors());
    List<List<String>> expected = check(documents, new CachedSchemaCheck(ENVIRONMENT, CompileCache.in(dir, "build-1")));
    try (Stream<Path> builds = Files.list(dir); Stream<Path> entries = Files.list(builds.findFirst().orElseThrow())) {
      for (Path entry : entries.toList()) {
        Files.writeString(entry, "[{\"pointer\": 3}");
      }
    }
    CompileCache corrupt = CompileCache.in(dir, "build-1");
    assertThat(check(documents, new CachedSchemaCheck(ENVIRONMENT, corrupt))).isEqualTo(expected);
    assertThat(corrupt.stores()).isEqualTo(documents.size());
  }
}
