package io.sparkgate.cluster;

import static io.sparkgate.cluster.MockCluster.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.enforce.SparkKinds;
import io.sparkgate.engine.OfflineAdmission;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.PolicyFiles;
import io.sparkgate.policy.PolicySetHolder;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tenants' Warn mode and SparkPolicyExceptions read from the cluster: an edit of the tenant or an
 * applied exception is in the decisions within a second, without a reload.
 */
class ClusterEnforcementTest {
  static final Duration SECOND = Duration.ofSeconds(1);
  static final OfflineAdmission ADMISSION = new OfflineAdmission();
  static final String OVER = "spec.executor.instances is 200, over the tenant maximum of 20 executors";

  final PolicySetHolder holder = new PolicySetHolder();
  MockCluster cluster;
  ClusterSource source;

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  void start() throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Path file : PolicyFiles.list(Path.of("policies"))) {
      texts.put(file, Files.readString(file));
    }
    var networkPolicies = MockCluster.networkPolicies();
    texts.put(networkPolicies.getKey(), networkPolicies.getValue());
    PolicySetLoader.Result loaded = new PolicySetLoader(CelEnvironment.standard()).compile(texts, new ArrayList<>());
    assertThat(loaded.hasErrors()).as(loaded.issues().toString()).isFalse();
    holder.publish(loaded.policySet());
    cluster = new MockCluster();
    source = new ClusterSource(cluster.client(), new ClusterSource.Timing(Duration.ofMillis(50), Duration.ofMillis(500)));
    source.start(holder);
    assertThat(within(Duration.ofSeconds(20), source::synced)).as("informers synced").isTrue();
    assertThat(source.resources()).contains("sparkpolicyexceptions.sparkgate.io", "sparktenants.sparkgate.io");
    // the mock server does not replay events between list and watch: wait for a probe through each watch
    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant().replace("namespace: team-alpha", "namespace: probe")));
    cluster.applyException(MockCluster.tenant(exception("probe", "2099-01-01T00:00:00Z")));
    assertThat(within(Duration.ofSeconds(10), () -> source.params().size(MockCluster.TENANT_KIND) == 1
        && source.params().size(SparkKinds.EXCEPTION) == 1)).isTrue();
    cluster.namespace("team-alpha", Map.of());
  }

  static String exception(String namespace, String expires) {
    return """
        apiVersion: sparkgate.io/v1
        kind: SparkPolicyException
        metadata: {name: nightly-backfill, namespace: %s}
        spec:
          policies: [sparkgate.io.spark-app-resources]
          applications: ["alpha-backfill-*"]
          expires: "%s"
          reason: "quarterly backfill, ticket DATA-4711"
        """.formatted(namespace, expires);
  }

  static JsonNode response(PolicySetHolder holder, JsonNode object) {
    try {
      return ADMISSION.respond(object, new ReviewBuilder().namespace("team-alpha").operation("CREATE"),
          holder.current(), Phase.ALL, Explainer.NONE, Instant.now()).path("response");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  boolean deniedForTheLimit(JsonNode app) {
    JsonNode response = response(holder, app);
    return !response.path("allowed").asBoolean() && response.path("status").path("message").asText().contains(OVER);
  }

  boolean allowedWithAWarning(JsonNode app, String text) {
    JsonNode response = response(holder, app);
    return response.path("allowed").asBoolean() && response.path("warnings").toString().contains(text);
  }

  @Test
  void aTenantSwitchedFromWarnToDenyDeniesAgainWithinASecond() throws Exception {
    start();
    JsonNode app = MockCluster.YAML.readTree(Files.readString(Path.of("test-fixtures/exceptions/big-app.yaml")));
    String tenant = MockCluster.alphaTenant();
    cluster.apply(MockCluster.tenant(tenant));
    assertThat(within(SECOND, () -> deniedForTheLimit(app))).as("Deny by default").isTrue();

    cluster.apply(MockCluster.tenant(tenant.replace("spec:\n", "spec:\n  enforcement: Warn\n")));
    assertThat(within(SECOND, () -> allowedWithAWarning(app,
        "(SparkTenant team-alpha/tenant enforces it in Warn mode): " + OVER))).as("Warn").isTrue();

    cluster.apply(MockCluster.tenant(tenant.replace("spec:\n", "spec:\n  enforcement: Deny\n")));
    assertThat(within(SECOND, () -> deniedForTheLimit(app))).as("back to Deny").isTrue();
  }

  @Test
  void anExceptionAppliedToTheClusterWaivesWithinASecondAndStopsWhenDeleted() throws Exception {
    start();
    JsonNode app = MockCluster.YAML.readTree(Files.readString(Path.of("test-fixtures/exceptions/big-app.yaml")));
    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant()));
    assertThat(within(SECOND, () -> deniedForTheLimit(app))).isTrue();

    String expires = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString();
    cluster.applyException(MockCluster.tenant(exception("team-alpha", expires)));
    assertThat(within(SECOND, () -> allowedWithAWarning(app,
        "waived by SparkPolicyException team-alpha/nightly-backfill until " + expires))).isTrue();

    cluster.applyException(MockCluster.tenant(exception("team-alpha", "not a time")));
    assertThat(within(SECOND, () -> deniedForTheLimit(app))).as("a malformed exception waives nothing").isTrue();

    cluster.applyException(MockCluster.tenant(exception("team-alpha", expires)));
    assertThat(within(SECOND, () -> allowedWithAWarning(app, "team-alpha/nightly-backfill"))).isTrue();
    cluster.deleteException("team-alpha", "nightly-backfill");
    assertThat(within(SECOND, () -> deniedForTheLimit(app))).as("deleted").isTrue();
  }
}
