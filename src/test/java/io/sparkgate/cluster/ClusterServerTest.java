package io.sparkgate.cluster;

import static io.sparkgate.cluster.MockCluster.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkgate.backgroundscan.BackgroundScanSettings;
import io.sparkgate.policy.PolicyFiles;
import io.sparkgate.server.ServerConfig;
import io.sparkgate.server.SparkgateServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server in cluster mode: /readyz waits for the first sync, /metrics reports the cache. */
class ClusterServerTest {
  final HttpClient http = HttpClient.newHttpClient();

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  HttpResponse<String> get(SparkgateServer server, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readyOnlyAfterTheFirstSyncAndTheCacheIsInTheMetrics(@TempDir Path dir) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.copy(Path.of("policies/spark-tenant-required.yaml"), policies.resolve("spark-tenant-required.yaml"));
    ServerConfig config = ServerConfig.local(policies, dir.resolve("certs"), freePort(), freePort());
    try (MockCluster cluster = new MockCluster()) {
      cluster.stop(); // the API server is unreachable when Sparkgate starts
      SparkgateServer server = new SparkgateServer(config).withCluster(cluster::client);
      try {
        server.start();
        HttpResponse<String> waiting = get(server, "/readyz");
        assertThat(waiting.statusCode()).isEqualTo(503);
        assertThat(waiting.body()).contains("waiting for the first sync of the cluster caches")
            .contains("sparktenants.sparkgate.io");
        assertThat(within(Duration.ofSeconds(5), () -> server.cluster().staleSeconds() > 0.5)).isTrue();

        cluster.restart();
        assertThat(within(Duration.ofSeconds(30), () -> get(server, "/readyz").statusCode() == 200))
            .as(get(server, "/readyz").body()).isTrue();
        String metrics = get(server, "/metrics").body();
        assertThat(metrics).contains("sparkgate_cluster_cache_stale_seconds ")
            .contains("sparkgate_cluster_synced 1.0")
            .contains("sparkgate_cluster_objects{resource=\"namespaces\"}")
            .contains("sparkgate_cluster_watch_reconnects_total{resource=\"sparktenants.sparkgate.io\"}");
      } finally {
        server.close();
      }
    }
  }

  @Test
  void theBackgroundScanWritesPolicyReportsAndExportsTheViolations(@TempDir Path dir) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    for (Path file : PolicyFiles.list(Path.of("policies"))) {
      Files.copy(file, policies.resolve(file.getFileName()));
    }
    Files.writeString(policies.resolve("tenant-alpha.yaml"), MockCluster.alphaTenant().replace("maxInstances: 20",
        "maxInstances: 4"));
    ServerConfig config = ServerConfig.local(policies, dir.resolve("certs"), freePort(), freePort());
    try (MockCluster cluster = new MockCluster(BackgroundScanTest.SERVED)) {
      cluster.namespace("team-alpha", Map.of());
      GenericKubernetesResource app = BackgroundScanTest.JSON.convertValue(MockCluster.fixture("app-scala.yaml"),
          GenericKubernetesResource.class);
      cluster.client().genericKubernetesResources(BackgroundScanTest.KUBEFLOW_APPS).inNamespace("team-alpha")
          .resource(app).create();
      SparkgateServer server = new SparkgateServer(config).withCluster(cluster::client)
          .withBackgroundScan(BackgroundScanSettings.of(Duration.ofHours(1), null, "replica-a"));
      try {
        server.start();
        String violation = "sparkgate_policy_violations{namespace=\"team-alpha\",policy=\"sparkgate.io.spark-app-resources\"} 1.0";
        assertThat(within(Duration.ofSeconds(60), () -> get(server, "/metrics").body().contains(violation)))
            .as(get(server, "/metrics").body().lines().filter(l -> l.startsWith("sparkgate_policy")).toList().toString())
            .isTrue();
        assertThat(get(server, "/metrics").body()).containsPattern("sparkgate_background_scan_duration_seconds_count [1-9]");
        GenericKubernetesResource report = cluster.client().genericKubernetesResources(BackgroundScanTest.REPORTS)
            .inNamespace("team-alpha").withName("sparkgate-team-alpha").get();
        assertThat(report).isNotNull();
        assertThat(BackgroundScanTest.resultOf(BackgroundScanTest.JSON.valueToTree(report), "alpha-daily-revenue",
            BackgroundScanTest.RESOURCE_LIMITS)).isEqualTo("fail");
      } finally {
        server.close();
      }
    }
  }
}
