package io.sparkgate.cluster;

import static io.sparkgate.cluster.MockCluster.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sparkgate.cel.CelEnvironment;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode against Fabric8's mock API server in CRUD mode: what platform engineers
 * {@code kubectl apply} is in the decisions within a second, without a restart, and a lost API
 * server leaves the decisions on the last known state.
 */
class ClusterSourceTest {
  static final Duration SECOND = Duration.ofSeconds(1);
  static PolicySetLoader loader;
  static final OfflineAdmission ADMISSION = new OfflineAdmission();

  MockCluster cluster;
  ClusterSource source;
  final PolicySetHolder holder = new PolicySetHolder();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  static void environment() {
    loader = new PolicySetLoader(CelEnvironment.standard());
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  void publish(Path directory, Map<Path, String> extra) throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    if (directory != null) {
      for (Path file : PolicyFiles.list(directory)) {
        texts.put(file, Files.readString(file));
      }
    }
    texts.putAll(extra);
    var networkPolicies = MockCluster.networkPolicies();
    texts.put(networkPolicies.getKey(), networkPolicies.getValue());
    PolicySetLoader.Result loaded = loader.compile(texts, new ArrayList<>());
    assertThat(loaded.hasErrors()).as(loaded.issues().toString()).isFalse();
    holder.publish(loaded.policySet());
  }

  void startCluster() throws Exception {
    cluster = new MockCluster();
    source = new ClusterSource(cluster.client(),
        new ClusterSource.Timing(Duration.ofMillis(50), Duration.ofMillis(500)));
    source.bindTo(registry);
    source.start(holder);
    assertThat(within(Duration.ofSeconds(20), source::synced)).as("informers synced").isTrue();
    warmUp();
  }

  /**
   * The mock server, unlike the API server, does not replay events between a list and the start of
   * the watch: wait until a probe object arrives through each watch before the test's own changes.
   */
  void warmUp() throws Exception {
    cluster.namespace("probe", Map.of());
    assertThat(within(Duration.ofSeconds(10), () -> source.namespaces().known("probe") != null)).isTrue();
    if (source.resources().contains("sparktenants.sparkgate.io")) {
      cluster.apply(MockCluster.tenant(MockCluster.alphaTenant().replace("namespace: team-alpha", "namespace: probe")));
      assertThat(within(Duration.ofSeconds(10), () -> source.params().size(MockCluster.TENANT_KIND) == 1)).isTrue();
    }
  }

  static JsonNode decide(PolicySetHolder holder, JsonNode object, Phase phase) {
    try {
      return ADMISSION.respond(object, new ReviewBuilder().namespace(object.path("metadata").path("namespace").asText())
          .operation("CREATE"), holder.current(), phase, Explainer.NONE).path("response");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  boolean allowed(JsonNode object) {
    return decide(holder, object, Phase.ALL).path("allowed").asBoolean();
  }

  String message(JsonNode object) {
    return decide(holder, object, Phase.ALL).path("status").path("message").asText();
  }

  @Test
  void aSparkTenantCreatedChangedAndDeletedIsInTheDecisionsWithinASecond() throws Exception {
    publish(Path.of("policies"), Map.of());
    startCluster();
    assertThat(source.resources()).containsExactly("namespaces", "sparkpolicyexceptions.sparkgate.io", "sparktenants.sparkgate.io");
    cluster.namespace("team-alpha", Map.of());
    JsonNode app = MockCluster.fixture("app-scala.yaml");
    assertThat(message(app)).contains("namespace \"team-alpha\" has no SparkTenant");

    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant()));
    assertThat(within(SECOND, () -> allowed(app))).as("created: " + message(app)).isTrue();

    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant().replace("maxInstances: 20", "maxInstances: 4")));
    assertThat(within(SECOND, () -> message(app).contains("over the tenant maximum of 4")))
        .as("changed: " + message(app)).isTrue();

    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant().replace("maxMemory: 8g", "maxMemory: lots")));
    assertThat(within(SECOND, () -> message(app).contains(
        "SparkTenant team-alpha/tenant: spec.limits.driver.maxMemory \"lots\" is not a memory size")))
        .as("invalid: " + message(app)).isTrue();

    cluster.deleteTenant("team-alpha", "tenant");
    assertThat(within(SECOND, () -> message(app).contains("namespace \"team-alpha\" has no SparkTenant")))
        .as("deleted: " + message(app)).isTrue();
  }

  @Test
  void clusterObjectsWinOverFileObjectsOfTheSameNameAndTheFilesComeBackWhenTheyAreDeleted() throws Exception {
    String fileTenant = MockCluster.alphaTenant().replace("maxInstances: 20", "maxInstances: 4");
    publish(Path.of("policies"), Map.of(Path.of("tenants/alpha.yaml"), fileTenant));
    startCluster();
    JsonNode app = MockCluster.fixture("app-scala.yaml");
    assertThat(message(app)).contains("over the tenant maximum of 4");
    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant()));
    assertThat(within(SECOND, () -> allowed(app))).as("the cluster's tenant wins: " + message(app)).isTrue();
    cluster.deleteTenant("team-alpha", "tenant");
    assertThat(within(SECOND, () -> message(app).contains("over the tenant maximum of 4")))
        .as("the file's tenant again: " + message(app)).isTrue();
  }

  static final String LABELLED_POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: labelled-namespaces}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
          namespaceSelector:
            matchLabels: {sparkgate.io/frozen: "true"}
        validations:
        - expression: "false"
          messageExpression: "'namespace ' + namespaceObject.metadata.name + ' is frozen by ' + namespaceObject.metadata.labels['owner']"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: labelled-namespaces}
      spec: {policyName: labelled-namespaces, validationActions: [Deny]}
      """;

  @Test
  void aNamespaceLabelChangeFlipsANamespaceSelectorMatch() throws Exception {
    publish(null, Map.of(Path.of("frozen.yaml"), LABELLED_POLICY));
    startCluster();
    assertThat(source.resources()).containsExactly("namespaces");
    JsonNode configMap = MockCluster.YAML.readTree(
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: team-beta}, data: {a: b}}");
    cluster.namespace("team-beta", Map.of("owner", "platform"));
    assertThat(within(SECOND, () -> source.namespaces().known("team-beta") != null)).isTrue();
    assertThat(allowed(configMap)).isTrue();

    cluster.namespace("team-beta", Map.of("owner", "platform", "sparkgate.io/frozen", "true"));
    assertThat(within(SECOND, () -> !allowed(configMap))).as("labelled").isTrue();
    assertThat(message(configMap)).contains("namespace team-beta is frozen by platform");

    cluster.namespace("team-beta", Map.of("owner", "platform"));
    assertThat(within(SECOND, () -> allowed(configMap))).as("label removed").isTrue();
  }

  @Test
  void aLostWatchKeepsTheLastKnownStateReportsStalenessAndReconnects() throws Exception {
    publish(Path.of("policies"), Map.of());
    startCluster();
    cluster.namespace("team-alpha", Map.of());
    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant()));
    JsonNode app = MockCluster.fixture("app-scala.yaml");
    assertThat(within(SECOND, () -> allowed(app))).isTrue();
    assertThat(source.staleSeconds()).isZero();

    cluster.stop();
    assertThat(within(Duration.ofSeconds(10), () -> source.staleSeconds() > 0.2))
        .as("staleness reported").isTrue();
    assertThat(registry.get("sparkgate.cluster.cache.stale").gauge().value()).isGreaterThan(0.2);
    assertThat(allowed(app)).as("answers from the last known state").isTrue();

    cluster.restart();
    assertThat(within(Duration.ofSeconds(20), () -> source.staleSeconds() == 0)).as("reconnected").isTrue();
    assertThat(source.reconnects("sparktenants.sparkgate.io")).isPositive();
    assertThat(registry.get("sparkgate.cluster.watch.reconnects").tag("resource", "sparktenants.sparkgate.io")
        .counter().count()).isPositive();
    // and changes flow again
    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant().replace("maxInstances: 20", "maxInstances: 4")));
    assertThat(within(Duration.ofSeconds(5), () -> message(app).contains("over the tenant maximum of 4"))).isTrue();
  }

  @Test
  void aReloadThatDropsTheParamKindStopsItsWatch() throws Exception {
    publish(Path.of("policies"), Map.of());
    startCluster();
    assertThat(source.resources()).contains("sparktenants.sparkgate.io");
    publish(null, Map.of(Path.of("frozen.yaml"), LABELLED_POLICY));
    assertThat(source.resources()).containsExactly("namespaces");
    publish(Path.of("policies"), Map.of());
    assertThat(source.resources()).containsExactly("namespaces", "sparkpolicyexceptions.sparkgate.io", "sparktenants.sparkgate.io");
  }

  @Test
  void tenantsAreListedEvenWhenCreatedBeforeStart() throws Exception {
    publish(Path.of("policies"), Map.of());
    cluster = new MockCluster();
    cluster.namespace("team-alpha", Map.of());
    GenericKubernetesResource tenant = MockCluster.tenant(MockCluster.alphaTenant());
    cluster.apply(tenant);
    source = new ClusterSource(cluster.client(), new ClusterSource.Timing(Duration.ofMillis(50), Duration.ofMillis(500)));
    source.start(holder);
    assertThat(within(Duration.ofSeconds(20), source::synced)).isTrue();
    assertThat(source.params().size(MockCluster.TENANT_KIND)).isEqualTo(1);
    assertThat(allowed(MockCluster.fixture("app-scala.yaml"))).isTrue();
  }
}
