package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparkgate.audit.AuditConfig;
import io.sparkgate.audit.AuditQuery;
import io.sparkgate.audit.AuditSummary;
import io.sparkgate.enforce.PlatformApprovers;
import io.sparkgate.engine.ReviewBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SparkPolicyExceptions through the server: approval on /validate, the waiver of a violation, the
 * audit records and summary, and the metrics.
 */
class ExceptionApprovalServerTest {
  static final ObjectMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Vertx vertx;
  SparkgateServer server;
  HttpClient https;
  Path auditLog;
  final String expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

  @BeforeEach
  void start() throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    try (Stream<Path> pack = Files.list(Path.of("policies"))) {
      for (Path file : pack.toList()) {
        Files.copy(file, policies.resolve(file.getFileName()));
      }
    }
    Files.copy(Path.of("test-fixtures/exceptions/tenants.yaml"), policies.resolve("tenants.yaml"));
    Files.writeString(policies.resolve("exception.yaml"), exception(expires));
    Path certs = dir.resolve("certs");
    auditLog = dir.resolve("audit/audit.log");
    ServerConfig config = ServerConfig.local(policies, certs, TestServer.freePort(), TestServer.freePort())
        .withAudit(AuditConfig.builder().logFile(auditLog).keyDirectory(certs).build());
    server = new SparkgateServer(config)
        .withExceptionApprovers(new PlatformApprovers(List.of("platform-admin"), List.of()));
    server.start();
    vertx = Vertx.vertx();
    https = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(Files.readAllBytes(certs.resolve("ca.crt"))))));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static String exception(String expires) {
    return """
        apiVersion: sparkgate.io/v1
        kind: SparkPolicyException
        metadata: {name: nightly-backfill, namespace: team-alpha}
        spec:
          policies: [sparkgate.io.spark-app-resources]
          applications: ["alpha-backfill-*"]
          expires: "%s"
          reason: "quarterly backfill, ticket DATA-4711"
        """.formatted(expires);
  }

  JsonNode validate(JsonNode object, String user, List<String> groups) throws Exception {
    String json = JSON.writeValueAsString(new ReviewBuilder().namespace("team-alpha").user(user, groups).build(object));
    String body = https.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
            .setPort(server.port()).setURI("/validate").putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(Buffer.buffer(json)))
        .compose(response -> response.body())
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).toString();
    return JSON.readTree(body).path("response");
  }

  String metrics() throws Exception {
    return vertx.createHttpClient()
        .request(HttpMethod.GET, server.adminPort(), "127.0.0.1", "/metrics")
        .compose(request -> request.send()).compose(response -> response.body()).map(Buffer::toString)
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void onlyApproversCreateExceptionsWithinMaxDurationAndTheApproverIsAudited() throws Exception {
    JsonNode inAWeek = YAML.readTree(exception(Instant.now().plus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
    JsonNode bob = validate(inAWeek, "bob", List.of("system:authenticated"));
    assertThat(bob.path("allowed").asBoolean()).isFalse();
    assertThat(bob.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(bob.path("status").path("message").asText()).isEqualTo(
        "user \"bob\" may not approve SparkPolicyException team-alpha/nightly-backfill: approvers are users alice;"
            + " groups alpha-leads of SparkTenant team-alpha/tenant (spec.exceptions.approvers) and users platform-admin"
            + " (the platform's approvers)");

    assertThat(validate(inAWeek, "alice", List.of("system:authenticated")).path("allowed").asBoolean()).isTrue();
    assertThat(validate(inAWeek, "carol", List.of("alpha-leads")).path("allowed").asBoolean()).isTrue();
    assertThat(validate(inAWeek, "platform-admin", List.of()).path("allowed").asBoolean()).isTrue();

    JsonNode tooLong = YAML.readTree(exception(Instant.now().plus(8, ChronoUnit.DAYS).toString()));
    JsonNode beyond = validate(tooLong, "alice", List.of());
    assertThat(beyond.path("allowed").asBoolean()).isFalse();
    assertThat(beyond.path("status").path("message").asText())
        .contains("beyond the maximum of 168h (SparkTenant team-alpha/tenant spec.exceptions.maxDuration)");

    List<JsonNode> records = records();
    JsonNode approved = records.stream().filter(r -> r.path("user").path("username").asText().equals("alice"))
        .findFirst().orElseThrow();
    assertThat(approved.path("allowed").asBoolean()).isTrue();
    assertThat(approved.path("policies").toString()).contains("sparkgate.io/exception-approval")
        .contains("approved by alice, an approver of SparkTenant team-alpha/tenant");
  }

  @Test
  void aWaivedViolationIsAllowedAuditedSummarisedAndCounted() throws Exception {
    JsonNode app = YAML.readTree(Files.readString(Path.of("test-fixtures/exceptions/big-app.yaml")));
    JsonNode response = validate(app, "system:serviceaccount:spark-operator:spark-operator", List.of());
    assertThat(response.path("allowed").asBoolean()).as(response.toString()).isTrue();
    assertThat(response.path("warnings").toString())
        .contains("waived by SparkPolicyException team-alpha/nightly-backfill until " + expires
            + ": spec.executor.instances is 200, over the tenant maximum of 20 executors");

    JsonNode record = records().get(records().size() - 1);
    assertThat(record.path("policies").toString())
        .contains("\"wouldHaveBeen\":\"deny\"").contains("\"exception\":\"team-alpha/nightly-backfill\"");
    AuditSummary summary = AuditSummary.of(List.of(auditLog), AuditQuery.Filter.any());
    assertThat(summary.waivedByException()).containsEntry("team-alpha/nightly-backfill", 3L);
    assertThat(summary.render(5)).contains("Waived violations by exception:").contains("team-alpha/nightly-backfill");

    assertThat(metrics())
        .contains("sparkgate_policy_exceptions_applied_total{policy=\"sparkgate.io.spark-app-resources\"} 3.0")
        .contains("sparkgate_policy_exceptions_active 1.0");
  }

  List<JsonNode> records() throws Exception {
    return Files.readAllLines(auditLog).stream().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).filter(r -> "decision".equals(r.path("type").asText())).toList();
  }
}
