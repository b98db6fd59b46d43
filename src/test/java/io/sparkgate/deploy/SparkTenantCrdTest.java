package io.sparkgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.sparkgate.spark.SparkTenantValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SparkTenant CRD's schema accepts every example tenant we ship (fixtures and the docs) and
 * refuses malformed ones; Sparkgate's own check ({@link SparkTenantValidator}) agrees with it on
 * every sample, so a tenant the API server stores is one Sparkgate can use.
 */
class SparkTenantCrdTest {
  static CustomResourceDefinition crd;
  static JSONSchemaProps schema;

  @BeforeAll
  static void load() throws Exception {
    List<JsonNode> documents = Kustomize.readDocuments(
        Files.readString(DeployManifestsTest.DEPLOY.resolve("base/sparktenant-crd.yaml")));
    crd = (CustomResourceDefinition) TypedManifests.read(documents).get(0);
    CustomResourceDefinitionVersion v1 = crd.getSpec().getVersions().stream()
        .filter(v -> v.getName().equals("v1")).findFirst().orElseThrow();
    schema = v1.getSchema().getOpenAPIV3Schema();
  }

  /** Every SparkTenant document in test-fixtures/ and every SparkTenant YAML block in README.md and docs/. */
  static List<JsonNode> shippedTenants() throws Exception {
    List<JsonNode> tenants = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("test-fixtures"))) {
      files = walk.filter(p -> p.toString().matches(".*\\.ya?ml")).sorted().toList();
    }
    for (Path file : files) {
      collect(Kustomize.readDocuments(Files.readString(file)), tenants);
    }
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> walk = Files.walk(Path.of("docs"))) {
      walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    Pattern block = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);
    for (Path doc : docs) {
      Matcher m = block.matcher(Files.readString(doc));
      while (m.find()) {
        if (m.group(1).contains("kind: SparkTenant")) {
          collect(Kustomize.readDocuments(m.group(1)), tenants);
        }
      }
    }
    return tenants;
  }

  private static void collect(List<JsonNode> documents, List<JsonNode> out) {
    for (JsonNode document : documents) {
      if (SparkTenantValidator.isTenant(document)) {
        out.add(document);
      }
      for (JsonNode nested : document.path("resources")) { // suites' inline resources
        if (SparkTenantValidator.isTenant(nested)) {
          out.add(nested);
        }
      }
    }
  }

  @Test
  void theCrdServesSparkTenantsWithThePrinterColumns() {
    assertThat(crd.getSpec().getGroup()).isEqualTo(SparkTenantValidator.API_VERSION.split("/")[0]);
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo(SparkTenantValidator.KIND);
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(c -> c.getName() + "=" + c.getJsonPath())
        .contains("Team=.spec.team", "Cost Center=.spec.costCenter", "Regions=.spec.residency.regions",
            "Max Duration=.spec.maxDuration");
  }

  @Test
  void everyShippedExampleTenantIsAccepted() throws Exception {
    List<JsonNode> tenants = shippedTenants();
    assertThat(tenants).as("tenant-alpha.yaml and the docs' example").hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode tenant : tenants) {
      assertThat(CrdSchemaValidator.validate(schema, tenant)).as(tenant.toString()).isEmpty();
      assertThat(SparkTenantValidator.check(tenant)).as(tenant.toString()).isEmpty();
    }
  }

  static ObjectNode alphaWith(String pointer, String yamlValue) throws Exception {
    ObjectNode tenant = (ObjectNode) Kustomize.readDocuments(
        Files.readString(Path.of("test-fixtures/spark/tenant-alpha.yaml"))).get(0);
    String parent = pointer.substring(0, pointer.lastIndexOf('/'));
    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
    JsonNode value = Kustomize.readDocuments("v: " + yamlValue).get(0).get("v");
    if (value == null || value.isNull()) {
      ((ObjectNode) tenant.at(parent)).remove(field);
    } else {
      ((ObjectNode) tenant.at(parent)).set(field, value);
    }
    return tenant;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/spec/limits/driver/maxMemory|lots|.spec.limits.driver.maxMemory: must match",
      "/spec/limits/driver/maxMemory|1.5g|.spec.limits.driver.maxMemory: must match",
      "/spec/limits/executor/maxMemory|-1|.spec.limits.executor.maxMemory: must be at least 0",
      "/spec/limits/total/maxCores|1.5|.spec.limits.total.maxCores: must be an integer or a string",
      "/spec/limits/driver/maxCores|two|.spec.limits.driver.maxCores: must match",
      "/spec/limits/executor/maxInstances|\"20\"|.spec.limits.executor.maxInstances: must be of type integer",
      "/spec/limits/executor/maxInstances|-3|.spec.limits.executor.maxInstances: must be at least 0",
      "/spec/limits/driver/maxInstances|3|.spec.limits.driver.maxInstances: unknown field",
      "/spec/naming/maxLength|40|.spec.naming.maxLength: must be at most 34",
      "/spec/naming/pattern|\"\"|.spec.naming.pattern: must have at least 1 characters",
      "/spec/maxDuration|one day|.spec.maxDuration: must match",
      "/spec/maxDuration|\"24\"|.spec.maxDuration: must match",
      "/spec/team|Team Alpha|.spec.team: must match",
      "/spec/residency/regions|eu-west-1|.spec.residency.regions: must be of type array",
      "/spec/residency/regions|[eu west]|.spec.residency.regions[0]: must match",
      "/spec/residency/storagePrefixes|[alpha-eu/]|.spec.residency.storagePrefixes[0]: must match",
      "/spec/serviceAccounts|[Spark_SA]|.spec.serviceAccounts[0]: must match",
      "/spec/images/allowedPrefixes|[\"\"]|.spec.images.allowedPrefixes[0]: must have at least 1 characters",
      "/spec/quota|{}|.spec.quota: unknown field",
  })
  void malformedTenantsAreRefusedByTheSchemaAndBySparkgate(String pointer, String value, String expected)
      throws Exception {
    ObjectNode tenant = alphaWith(pointer, value);
    assertThat(CrdSchemaValidator.validate(schema, tenant)).anyMatch(p -> p.startsWith(expected));
    assertThat(SparkTenantValidator.check(tenant)).as("Sparkgate's own check agrees").isNotEmpty();
  }

  @Test
  void aTenantWithoutSpecIsRefused() throws Exception {
    ObjectNode tenant = alphaWith("/spec", "~");
    assertThat(CrdSchemaValidator.validate(schema, tenant)).containsExactly(".spec: is required");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/spec/limits/driver/maxMemory|8Gi", "/spec/limits/driver/maxMemory|512M", "/spec/limits/driver/maxMemory|1073741824",
      "/spec/limits/driver/maxCores|1500m", "/spec/limits/driver/maxCores|\"0.5\"", "/spec/limits/driver/maxCores|3",
      "/spec/maxDuration|90m", "/spec/maxDuration|1h30m", "/spec/maxDuration|1.5h", "/spec/naming/maxLength|34",
      "/spec/serviceAccounts|[spark, spark-driver]", "/spec/residency/storagePrefixes|[\"hdfs://nn/alpha/\"]"})
  void wellFormedValuesAreAcceptedByBoth(String pointer, String value) throws Exception {
    ObjectNode tenant = alphaWith(pointer, value);
    assertThat(CrdSchemaValidator.validate(schema, tenant)).isEmpty();
    assertThat(SparkTenantValidator.check(tenant)).isEmpty();
  }
}
