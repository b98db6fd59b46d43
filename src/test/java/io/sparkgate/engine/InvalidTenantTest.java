package io.sparkgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicyFiles;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A SparkTenant given as a file that fails Sparkgate's checks denies its namespace's Spark requests, by name and field. */
class InvalidTenantTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static PolicySetLoader loader;

  @BeforeAll
  static void environment() {
    loader = new PolicySetLoader(CelEnvironment.standard());
  }

  static PolicySetLoader.Result load(String tenantYaml) throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Path file : PolicyFiles.list(Path.of("policies"))) {
      texts.put(file, Files.readString(file));
    }
    texts.put(Path.of("tenants/alpha.yaml"), tenantYaml);
    return loader.compile(texts, new ArrayList<>());
  }

  static JsonNode respond(PolicySetLoader.Result loaded, String fixture, Phase phase) throws Exception {
    JsonNode object = YAML.readTree(Files.readString(Path.of("test-fixtures/spark", fixture)));
    return new OfflineAdmission().respond(object,
        new ReviewBuilder().namespace(object.path("metadata").path("namespace").asText()).operation("CREATE"),
        loaded.policySet(), phase, Explainer.NONE).path("response");
  }

  static String alpha() throws Exception {
    return Files.readString(Path.of("test-fixtures/spark/tenant-alpha.yaml"));
  }

  @Test
  void theGoodTenantAdmitsTheCompliantApplication() throws Exception {
    PolicySetLoader.Result loaded = load(alpha());
    assertThat(loaded.issues()).isEmpty();
    assertThat(respond(loaded, "app-scala.yaml", Phase.ALL).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void anUnparsableMemoryDeniesWithTheTenantAndTheFieldOnce() throws Exception {
    PolicySetLoader.Result loaded = load(alpha().replace("maxMemory: 8g", "maxMemory: lots"));
    assertThat(loaded.hasErrors()).as("a bad tenant never keeps the policies out of service").isFalse();
    assertThat(loaded.issues()).singleElement().satisfies(issue -> {
      assertThat(issue.severity()).isEqualTo(Severity.WARNING);
      assertThat(issue.toString()).startsWith("tenants/alpha.yaml:11:38:")
          .contains("SparkTenant team-alpha/tenant: spec.limits.driver.maxMemory \"lots\" is not a memory size");
    });
    for (Phase phase : new Phase[] {Phase.VALIDATE, Phase.ALL}) {
      JsonNode response = respond(loaded, "app-scala.yaml", phase);
      assertThat(response.path("allowed").asBoolean()).isFalse();
      String message = response.path("status").path("message").asText();
      assertThat(message).contains(
          "SparkTenant team-alpha/tenant: spec.limits.driver.maxMemory \"lots\" is not a memory size");
      assertThat(message.split("SparkTenant team-alpha/tenant", -1)).as("reported once: " + message).hasSize(2);
    }
  }

  @Test
  void sparkPodsAreDeniedAndTheMutationDoesNotApplyADefault() throws Exception {
    PolicySetLoader.Result loaded = load(alpha().replace("maxDuration: 24h", "maxDuration: a day"));
    JsonNode response = respond(loaded, "driver-pod.yaml", Phase.MUTATE);
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.has("patch")).isFalse();
    assertThat(response.path("status").path("message").asText())
        .contains("SparkTenant team-alpha/tenant: spec.maxDuration \"a day\" is not a duration");
  }

  @Test
  void lintReportsTheProblemAtTheField() throws Exception {
    PolicySetLoader.Result loaded = load(alpha().replace("pattern: \"^alpha-[a-z0-9-]+$\"", "pattern: \"^alpha-[\""));
    assertThat(loaded.issues()).extracting(LoadIssue::toString).singleElement().asString()
        .startsWith("tenants/alpha.yaml:15:").contains("spec.naming.pattern \"^alpha-[\" is not a regular expression");
  }

  @Test
  void lintReportsRatesAndBudgetsThatAreNotAmountsAtTheirFields() throws Exception {
    PolicySetLoader.Result loaded = load("""
        apiVersion: sparkgate.io/v1
        kind: SparkTenant
        metadata: {name: tenant, namespace: team-alpha}
        spec:
          costCenter: cc-1
          cost:
            rates: {cpuCoreHour: "five", memoryGiBHour: 0.01}
            maxPerRun: "-5"
            monthlyBudget: "1e3"
        """);
    assertThat(loaded.issues()).extracting(LoadIssue::toString)
        .anySatisfy(issue -> assertThat(issue).startsWith("tenants/alpha.yaml:7:26:")
            .contains("spec.cost.rates.cpuCoreHour \"five\" is not an amount"))
        .anySatisfy(issue -> assertThat(issue).startsWith("tenants/alpha.yaml:7:49:")
            .contains("spec.cost.rates.memoryGiBHour 0.01 is not a string"))
        .anySatisfy(issue -> assertThat(issue).startsWith("tenants/alpha.yaml:8:16:")
            .contains("spec.cost.maxPerRun \"-5\" is not an amount"))
        .anySatisfy(issue -> assertThat(issue).startsWith("tenants/alpha.yaml:9:20:")
            .contains("spec.cost.monthlyBudget \"1e3\" is not an amount"));
  }
}
