package io.sparkgate.cluster;

import static io.sparkgate.cluster.MockCluster.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sparkgate.backgroundscan.BackgroundScan;
import io.sparkgate.backgroundscan.BackgroundScanSettings;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.metrics.MetricNames;
import io.sparkgate.policy.PolicyFiles;
import io.sparkgate.policy.PolicySetHolder;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.report.PolicyReports;
import io.sparkgate.report.ScannedObject;
import io.sparkgate.report.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The background scan against Fabric8's mock API server in CRUD mode: PolicyReports follow the
 * applications that run and the tenants that govern them, and only the replica holding the Lease
 * writes them.
 */
class BackgroundScanTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  static final ObjectMapper JSON = new ObjectMapper();
  static final ResourceDefinitionContext KUBEFLOW_APPS = new ResourceDefinitionContext.Builder()
      .withGroup("sparkoperator.k8s.io").withVersion("v1beta2").withKind("SparkApplication")
      .withPlural("sparkapplications").withNamespaced(true).build();
  static final ResourceDefinitionContext REPORTS = new ResourceDefinitionContext.Builder()
      .withGroup("wgpolicyk8s.io").withVersion("v1alpha2").withKind("PolicyReport").withPlural("policyreports")
      .withNamespaced(true).build();
  static final List<CustomResourceDefinitionContext> SERVED = List.of(
      crd("sparkoperator.k8s.io", "v1beta2", "SparkApplication", "sparkapplications", "Namespaced"),
      crd("sparkoperator.k8s.io", "v1beta2", "ScheduledSparkApplication", "scheduledsparkapplications", "Namespaced"),
      crd("wgpolicyk8s.io", "v1alpha2", "PolicyReport", "policyreports", "Namespaced"),
      crd("wgpolicyk8s.io", "v1alpha2", "ClusterPolicyReport", "clusterpolicyreports", "Cluster"));
  static final String RESOURCE_LIMITS = "sparkgate.io.spark-app-resources";
  static PolicySetLoader loader;

  MockCluster cluster;
  ClusterSource source;
  final PolicySetHolder holder = new PolicySetHolder();
  final List<BackgroundScan> scans = new ArrayList<>();

  static CustomResourceDefinitionContext crd(String group, String version, String kind, String plural, String scope) {
    return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
        .withPlural(plural).withScope(scope).build();
  }

  @BeforeAll
  static void environment() {
    loader = new PolicySetLoader(CelEnvironment.standard());
  }

  @AfterEach
  void stop() {
    scans.forEach(BackgroundScan::close);
    if (source != null) {
      source.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  void startCluster() throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Path file : PolicyFiles.list(Path.of("policies"))) {
      texts.put(file, Files.readString(file));
    }
    var networkPolicies = MockCluster.networkPolicies();
    texts.put(networkPolicies.getKey(), networkPolicies.getValue());
    PolicySetLoader.Result loaded = loader.compile(texts, new ArrayList<>());
    assertThat(loaded.hasErrors()).as(loaded.issues().toString()).isFalse();
    holder.publish(loaded.policySet());
    cluster = new MockCluster(SERVED);
    source = new ClusterSource(cluster.client(), new ClusterSource.Timing(Duration.ofMillis(50), Duration.ofSeconds(5)));
    source.start(holder);
    assertThat(within(WAIT, source::synced)).as("informers synced").isTrue();
    cluster.namespace("team-alpha", Map.of());
    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant()));
    assertThat(within(WAIT, () -> source.params().size(MockCluster.TENANT_KIND) == 1)).as("tenant arrived").isTrue();
  }

  BackgroundScan scanner(String identity, SimpleMeterRegistry registry) {
    BackgroundScanSettings settings = new BackgroundScanSettings(Duration.ofSeconds(1), Duration.ofMillis(100),
        BackgroundScanSettings.Pacing.DEFAULT, new BackgroundScanSettings.LeaseSettings("sparkgate-background-scan",
            "sparkgate", identity, new BackgroundScanSettings.LeaseTiming(Duration.ofSeconds(2),
                Duration.ofMillis(1500), Duration.ofMillis(200))));
    BackgroundScan scan = new BackgroundScan(cluster.client(), holder, source, settings, registry);
    scans.add(scan);
    scan.start();
    return scan;
  }

  GenericKubernetesResource createApp(String fixture) throws Exception {
    GenericKubernetesResource app = JSON.convertValue(MockCluster.fixture(fixture), GenericKubernetesResource.class);
    return cluster.client().genericKubernetesResources(KUBEFLOW_APPS).inNamespace(app.getMetadata().getNamespace())
        .resource(app).create();
  }

  JsonNode report(String namespace) {
    GenericKubernetesResource report = cluster.client().genericKubernetesResources(REPORTS).inNamespace(namespace)
        .withName(PolicyReports.reportName(namespace)).get();
    return report == null ? null : JSON.valueToTree(report);
  }

  static String resultOf(JsonNode report, String app, String policy) {
    if (report == null) {
      return null;
    }
    for (JsonNode result : report.path("results")) {
      if (result.path("policy").asText().equals(policy)
          && result.path("resources").path(0).path("name").asText().equals(app)) {
        return result.path("result").asText();
      }
    }
    return null;
  }

  /** The reports the offline scan gives for these objects with the set in service, timestamps aside. */
  List<JsonNode> offlineReports(List<GenericKubernetesResource> apps) {
    List<ScannedObject> objects = apps.stream()
        .map(app -> new ScannedObject(ClusterSource.tree(app, app.getApiVersion(), app.getKind()), "cluster")).toList();
    try {
      return PolicyReports.of(new Scanner().scan(holder.current(), objects, null), java.time.Instant.EPOCH).stream()
          .map(BackgroundScanTest::withoutTimestamps).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode withoutTimestamps(JsonNode report) {
    ObjectNode copy = JSON.createObjectNode();
    copy.set("summary", report.path("summary"));
    JsonNode results = report.path("results").deepCopy();
    results.forEach(result -> ((ObjectNode) result).remove("timestamp"));
    copy.set("results", results);
    return copy;
  }

  static double violations(SimpleMeterRegistry registry, String namespace, String policy) {
    Gauge gauge = registry.find(MetricNames.POLICY_VIOLATIONS).tags("namespace", namespace, "policy", policy).gauge();
    return gauge == null ? 0 : gauge.value();
  }

  @Test
  void reportsAppearForRunningApplicationsFollowTheirTenantAndDisappearWithThem() throws Exception {
    startCluster();
    List<GenericKubernetesResource> apps = List.of(createApp("app-scala.yaml"), createApp("app-python-dynamic.yaml"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BackgroundScan scan = scanner("replica-a", registry);

    assertThat(within(WAIT, () -> report("team-alpha") != null)).as("a report for team-alpha").isTrue();
    assertThat(withoutTimestamps(report("team-alpha"))).as("the same results as the offline scan")
        .isEqualTo(offlineReports(apps).get(0));
    assertThat(resultOf(report("team-alpha"), "alpha-daily-revenue", RESOURCE_LIMITS)).isEqualTo("pass");
    assertThat(report("team-alpha").path("metadata").path("labels").path(PolicyReports.MANAGED_BY_LABEL).asText())
        .isEqualTo("sparkgate");
    assertThat(violations(registry, "team-alpha", RESOURCE_LIMITS)).isZero();
    assertThat(registry.find(MetricNames.BACKGROUND_SCAN_DURATION).timer().count()).isPositive();

    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant().replace("maxInstances: 20", "maxInstances: 4")));
    assertThat(within(WAIT, () -> "fail".equals(resultOf(report("team-alpha"), "alpha-daily-revenue", RESOURCE_LIMITS))))
        .as("the tightened tenant fails the 8-executor application: " + report("team-alpha")).isTrue();
    assertThat(within(WAIT, () -> violations(registry, "team-alpha", RESOURCE_LIMITS) >= 1)).isTrue();
    assertThat(withoutTimestamps(report("team-alpha"))).isEqualTo(offlineReports(apps).get(0));

    for (GenericKubernetesResource app : apps) {
      cluster.client().genericKubernetesResources(KUBEFLOW_APPS).inNamespace("team-alpha")
          .withName(app.getMetadata().getName()).delete();
    }
    assertThat(within(WAIT, () -> report("team-alpha") == null)).as("the report goes with the applications").isTrue();
    assertThat(within(WAIT, () -> violations(registry, "team-alpha", RESOURCE_LIMITS) == 0)).isTrue();
    assertThat(scan.holdsLease()).isTrue();
  }

  @Test
  void onlyTheLeaseHolderWrites() throws Exception {
    startCluster();
    createApp("app-scala.yaml");
    SimpleMeterRegistry registryA = new SimpleMeterRegistry();
    SimpleMeterRegistry registryB = new SimpleMeterRegistry();
    BackgroundScan a = scanner("replica-a", registryA);
    BackgroundScan b = scanner("replica-b", registryB);
    assertThat(within(WAIT, () -> a.holdsLease() || b.holdsLease())).isTrue();
    BackgroundScan holder = a.holdsLease() ? a : b;
    BackgroundScan other = holder == a ? b : a;
    assertThat(other.holdsLease()).isFalse();
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(holder == a ? "replica-a" : "replica-b");
    assertThat(within(WAIT, () -> report("team-alpha") != null)).isTrue();

    BackgroundScan.Run refused = other.scanNow().get(10, TimeUnit.SECONDS);
    assertThat(refused.outcome()).isEqualTo(BackgroundScan.Outcome.NOT_HOLDER);
    assertThat(refused.written()).isZero();
    assertThat(registryOf(other, a, registryA, registryB).find(MetricNames.POLICY_VIOLATIONS).gauges()).isEmpty();

    cluster.client().genericKubernetesResources(REPORTS).inNamespace("team-alpha")
        .withName(PolicyReports.reportName("team-alpha")).delete();
    BackgroundScan.Run done = holder.scanNow().get(10, TimeUnit.SECONDS);
    assertThat(done.outcome()).isEqualTo(BackgroundScan.Outcome.DONE);
    assertThat(report("team-alpha")).as("the holder puts the deleted report back").isNotNull();
  }

  private static SimpleMeterRegistry registryOf(BackgroundScan scan, BackgroundScan a, SimpleMeterRegistry registryA,
      SimpleMeterRegistry registryB) {
    return scan == a ? registryA : registryB;
  }

  Lease lease() {
    return cluster.client().leases().inNamespace("sparkgate").withName("sparkgate-background-scan").get();
  }

  /** Another holder takes the lease; the replica renews concurrently, so a stale write is retried. */
  private void takeOverLease(String holder) {
    for (int attempt = 0; ; attempt++) {
      Lease taken = lease();
      taken.getSpec().setHolderIdentity(holder);
      taken.getSpec().setLeaseDurationSeconds(3600);
      taken.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
      try {
        cluster.client().leases().inNamespace("sparkgate").resource(taken).update();
        return;
      } catch (KubernetesClientException conflict) {
        if (conflict.getCode() != 409 || attempt == 20) {
          throw conflict;
        }
      }
    }
  }

  @Test
  void aReplicaWhoseLeaseIsTakenOverStopsWriting() throws Exception {
    startCluster();
    createApp("app-scala.yaml");
    BackgroundScan scan = scanner("replica-a", new SimpleMeterRegistry());
    assertThat(within(WAIT, () -> report("team-alpha") != null)).isTrue();

    takeOverLease("replica-elsewhere");
    assertThat(within(WAIT, () -> !scan.holdsLease())).as("the replica notices the new holder").isTrue();

    cluster.client().genericKubernetesResources(REPORTS).inNamespace("team-alpha")
        .withName(PolicyReports.reportName("team-alpha")).delete();
    cluster.apply(MockCluster.tenant(MockCluster.alphaTenant().replace("maxInstances: 20", "maxInstances: 4")));
    BackgroundScan.Run run = scan.scanNow().get(10, TimeUnit.SECONDS);
    assertThat(run.outcome()).isEqualTo(BackgroundScan.Outcome.NOT_HOLDER);
    assertThat(report("team-alpha")).as("nothing written after the lease was taken").isNull();
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-elsewhere");
  }

  @Test
  void aReplicaThatCannotRenewStopsWritingAndResumesWhenItCanAgain() throws Exception {
    startCluster();
    createApp("app-scala.yaml");
    BackgroundScan scan = scanner("replica-a", new SimpleMeterRegistry());
    assertThat(within(WAIT, () -> report("team-alpha") != null)).isTrue();

    cluster.stop();
    assertThat(within(Duration.ofSeconds(5), () -> !scan.holdsLease()))
        .as("no renewal within the renew deadline: no longer the holder").isTrue();
    BackgroundScan.Run run = scan.scanNow().get(10, TimeUnit.SECONDS);
    assertThat(run.outcome()).isEqualTo(BackgroundScan.Outcome.NOT_HOLDER);

    cluster.restart();
    assertThat(within(WAIT, scan::holdsLease)).as("the lease again once the API server answers").isTrue();
    cluster.client().genericKubernetesResources(REPORTS).inNamespace("team-alpha")
        .withName(PolicyReports.reportName("team-alpha")).delete();
    assertThat(within(WAIT, () -> report("team-alpha") != null)).as("writing again").isTrue();
  }
}
