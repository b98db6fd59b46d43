package io.sparkgate.cluster;

import static io.sparkgate.cluster.MockCluster.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.OfflineAdmission;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.PolicySetHolder;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.server.ServerConfig;
import io.sparkgate.server.SparkgateServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageScan records read from the cluster: a record created there makes a pinned image admissible
 * within a second, deleting it denies the image again, and a tampered record is never used.
 */
class ClusterImageScanTest {
  static final Duration SECOND = Duration.ofSeconds(1);
  static final Path FIXTURES = Path.of("test-fixtures/images");
  static final String DIGEST = "sha256:a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41";
  static final String IMAGE = "registry.example.com/spark/spark@" + DIGEST;
  static final String RECORD = "sha256-a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41";
  static final OfflineAdmission ADMISSION = new OfflineAdmission();

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

  /** The image scan policy and its tenants from files, the CI key as a server setting; no record in files. */
  static PolicySetLoader.Result load(boolean trustKey) throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Path file : List.of(Path.of("policies/spark-image-scan.yaml"), FIXTURES.resolve("tenants.yaml"))) {
      texts.put(file, Files.readString(file));
    }
    PolicySetLoader loader = new PolicySetLoader(CelEnvironment.standard())
        .withImageScanKeys(trustKey ? List.of(FIXTURES.resolve("ci-test.pub")) : List.of());
    PolicySetLoader.Result loaded = loader.compile(texts, new ArrayList<>());
    assertThat(loaded.hasErrors()).as(loaded.issues().toString()).isFalse();
    return loaded;
  }

  void start() throws Exception {
    holder.publish(load(true).policySet());
    cluster = new MockCluster();
    source = new ClusterSource(cluster.client(), new ClusterSource.Timing(Duration.ofMillis(50), Duration.ofMillis(500)));
    source.start(holder);
    assertThat(within(Duration.ofSeconds(20), source::synced)).as("informers synced").isTrue();
    assertThat(source.resources()).contains(ClusterSource.IMAGE_SCANS);
    // the mock server does not replay events between list and watch: wait for a probe through the watch
    cluster.applyImageScan(record("probe", clean()));
    assertThat(within(Duration.ofSeconds(10), () -> source.imageScans().size() == 1)).isTrue();
    cluster.deleteImageScan("probe");
    assertThat(within(Duration.ofSeconds(10), () -> source.imageScans().size() == 0)).isTrue();
  }

  static ObjectNode clean() throws Exception {
    return (ObjectNode) MockCluster.YAML.readTree(Files.readString(FIXTURES.resolve("scan-clean.yaml")));
  }

  static GenericKubernetesResource record(String name, ObjectNode object) {
    ((ObjectNode) object.path("metadata")).put("name", name);
    return MockCluster.YAML.convertValue(object, GenericKubernetesResource.class);
  }

  JsonNode response() {
    try {
      JsonNode pod = MockCluster.YAML.readTree("""
          apiVersion: v1
          kind: Pod
          metadata: {name: exec-1, labels: {spark-role: executor}}
          spec: {containers: [{name: spark-kubernetes-executor, image: "%s"}]}
          """.formatted(IMAGE));
      return ADMISSION.respond(pod, new ReviewBuilder().namespace("team-scan").operation("CREATE"), holder.current(),
          Phase.VALIDATE, Explainer.NONE, Instant.now()).path("response");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  boolean allowed() {
    return response().path("allowed").asBoolean();
  }

  boolean deniedWith(String text) {
    JsonNode response = response();
    return !response.path("allowed").asBoolean() && response.path("status").path("message").asText().contains(text);
  }

  @Test
  void aRecordCreatedInTheClusterAdmitsTheImageAndDeletingItDeniesItAgain() throws Exception {
    start();
    assertThat(deniedWith("image " + IMAGE + " has no scan record")).isTrue();

    cluster.applyImageScan(record(RECORD, clean()));
    assertThat(within(SECOND, this::allowed)).as("admitted on the cluster's record").isTrue();
    assertThat(holder.current().imageScans().verifiedCount()).isEqualTo(1);

    cluster.deleteImageScan(RECORD);
    assertThat(within(SECOND, () -> deniedWith("image " + IMAGE + " has no scan record"))).as("deleted").isTrue();
    assertThat(holder.current().imageScans().verifiedCount()).isZero();
  }

  @Test
  void aTamperedRecordIsIgnoredAndCounted() throws Exception {
    start();
    ObjectNode tampered = clean();
    ((ObjectNode) tampered.path("spec")).put("scannedAt", Instant.now().toString()); // made to look fresh
    cluster.applyImageScan(record(RECORD, tampered));
    String badSignature = "the scan record of image " + IMAGE + " has a bad signature: the signature does not match"
        + " the record (altered or signed by another key)";
    assertThat(within(SECOND, () -> deniedWith(badSignature))).isTrue();
    assertThat(holder.current().imageScans().rejectedCount()).isEqualTo(1);
    assertThat(holder.current().imageScans().verifiedCount()).isZero();

    cluster.applyImageScan(record(RECORD, clean())); // the signed record restored
    assertThat(within(SECOND, this::allowed)).isTrue();
    assertThat(holder.current().imageScans().rejectedCount()).isZero();
  }

  @Test
  void recordsAreWatchedOnlyWhileAKeyIsTrustedAndVerifiedAgainWhenTheKeysChange() throws Exception {
    start();
    cluster.applyImageScan(record(RECORD, clean()));
    assertThat(within(SECOND, this::allowed)).isTrue();

    holder.publish(load(false).policySet()); // a reload without the key
    assertThat(source.resources()).doesNotContain(ClusterSource.IMAGE_SCANS);
    assertThat(deniedWith("image " + IMAGE + " has no scan record")).isTrue();

    holder.publish(load(true).policySet()); // the key is back: the watch lists the record again
    assertThat(source.resources()).contains(ClusterSource.IMAGE_SCANS);
    assertThat(within(Duration.ofSeconds(10), this::allowed)).isTrue();
  }

  @Test
  void theServerCountsTheClusterRecordsThatDoNotVerifyAndWaitsForTheirFirstList(@TempDir Path dir) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.copy(Path.of("policies/spark-image-scan.yaml"), policies.resolve("spark-image-scan.yaml"));
    Files.copy(FIXTURES.resolve("tenants.yaml"), policies.resolve("tenants.yaml"));
    ServerConfig config = ServerConfig.local(policies, dir.resolve("certs"), ClusterServerTest.freePort(),
        ClusterServerTest.freePort());
    cluster = new MockCluster();
    ObjectNode tampered = clean();
    ((ObjectNode) tampered.path("spec")).put("repository", "registry.example.com/other/image");
    cluster.applyImageScan(record(RECORD, tampered));
    SparkgateServer server = new SparkgateServer(config).withCluster(cluster::client)
        .withImageScanKeys(List.of(FIXTURES.resolve("ci-test.pub")));
    HttpClient http = HttpClient.newHttpClient();
    try {
      server.start();
      assertThat(within(Duration.ofSeconds(30), () -> server.cluster().synced())).isTrue();
      assertThat(server.cluster().resources()).contains(ClusterSource.IMAGE_SCANS);
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("sparkgate_image_scan_records{state=\"rejected\"} 1.0")
          .contains("sparkgate_image_scan_records{state=\"verified\"} 0.0")
          .contains("sparkgate_cluster_objects{resource=\"imagescans.sparkgate.io\"} 1.0");
    } finally {
      server.close();
    }
  }
}
