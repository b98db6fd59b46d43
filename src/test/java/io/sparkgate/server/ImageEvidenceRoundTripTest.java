package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparkgate.audit.AuditConfig;
import io.sparkgate.cli.Main;
import io.sparkgate.engine.ReviewBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The server admits a Spark pod whose image is pinned and scanned; the audit record it writes names
 * the scan record (digest, scan time, key) the image was admitted on, and audit query shows it.
 */
class ImageEvidenceRoundTripTest {
  static final ObjectMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path FIXTURES = Path.of("test-fixtures/images");
  static final String DIGEST = "sha256:a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41";
  static final String SCANNED_AT = "2026-12-01T09:30:12.123456789Z";

  /** A driver pod; its init container pulls the same image through a mirror (the same digest). */
  static JsonNode pod(String name, String image) throws Exception {
    return YAML.readTree("""
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, labels: {spark-role: driver, spark-app-selector: spark-0001}}
        spec:
          initContainers: [{name: fetch, image: "%3$s"}]
          containers: [{name: spark-kubernetes-driver, image: "%2$s"}]
        """.formatted(name, image, image.replace("registry.example.com/", "mirror.example.com/")));
  }

  static String query(String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(new StringWriter()));
    assertThat(commandLine.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void anAdmittedPodsAuditRecordNamesTheScanRecordAndAuditQueryShowsIt(@TempDir Path dir) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.copy(Path.of("policies/spark-image-scan.yaml"), policies.resolve("spark-image-scan.yaml"));
    for (String name : List.of("tenants.yaml", "scan-clean.yaml")) {
      Files.copy(FIXTURES.resolve(name), policies.resolve(name));
    }
    Path certs = dir.resolve("certs");
    Path auditLog = dir.resolve("audit/audit.log");
    ServerConfig config = ServerConfig.local(policies, certs, TestServer.freePort(), TestServer.freePort())
        .withAudit(AuditConfig.builder().logFile(auditLog).keyDirectory(certs).build());
    SparkgateServer server = new SparkgateServer(config).withImageScanKeys(List.of(FIXTURES.resolve("ci-test.pub")));
    Vertx vertx = Vertx.vertx();
    try {
      server.start();
      HttpClient https = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
          .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(Files.readAllBytes(certs.resolve("ca.crt"))))));
      warmUp(https, server);
      JsonNode admitted = validate(https, server, pod("driver-pinned", "registry.example.com/spark/spark@" + DIGEST));
      assertThat(admitted.path("allowed").asBoolean()).as(admitted.toString()).isTrue();
      JsonNode denied = validate(https, server, pod("driver-tagged", "registry.example.com/spark/spark:3.5.3"));
      assertThat(denied.path("allowed").asBoolean()).isFalse();
    } finally {
      server.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String json = query("audit", "query", "--name", "driver-pinned", "--output", "json", auditLog.toString());
    JsonNode record = JSON.readTree(json.strip());
    assertThat(record.path("allowed").asBoolean()).isTrue();
    JsonNode images = record.path("images");
    assertThat(images).extracting(image -> image.path("image").asText()).containsExactlyInAnyOrder(
        "mirror.example.com/spark/spark@" + DIGEST, "registry.example.com/spark/spark@" + DIGEST);
    for (JsonNode image : images) {
      assertThat(image.path("digest").asText()).isEqualTo(DIGEST);
      assertThat(image.path("scannedAt").asText()).isEqualTo(SCANNED_AT);
      assertThat(image.path("keyId").asText()).isEqualTo("8f1ffb3fb6346fd0");
    }

    String table = query("audit", "query", auditLog.toString());
    assertThat(table.lines().findFirst().orElseThrow()).contains("IMAGES");
    assertThat(table.lines().filter(line -> line.contains("driver-pinned")).findFirst().orElseThrow())
        .contains("allowed").contains("sha256:a3bd08a4bb6e@" + SCANNED_AT);
    String deniedRow = table.lines().filter(line -> line.contains("driver-tagged")).findFirst().orElseThrow();
    assertThat(deniedRow).contains("denied").doesNotContain("sha256:");
    assertThat(query("audit", "verify", auditLog.toString())).startsWith("OK: ");
  }

  /**
   * The first evaluations of a cold JVM on a loaded machine can outlast the wall-clock evaluation
   * budget; this test is about the audit record, so it starts once the server answers in time.
   */
  static void warmUp(HttpClient https, SparkgateServer server) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      JsonNode response = validate(https, server, pod("warm-up", "registry.example.com/spark/spark@" + DIGEST));
      if (!response.path("status").path("message").asText().contains("exceeded its deadline")) {
        return;
      }
    }
  }

  static JsonNode validate(HttpClient https, SparkgateServer server, JsonNode object) throws Exception {
    String body = JSON.writeValueAsString(new ReviewBuilder().namespace("team-scan").build(object));
    String answer = https.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
            .setPort(server.port()).setURI("/validate").putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> response.body())
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).toString();
    return JSON.readTree(answer).path("response");
  }
}
