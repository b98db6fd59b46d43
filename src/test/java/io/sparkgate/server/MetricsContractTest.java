package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.audit.AuditConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After traffic, /metrics carries every contract series with its labels, and no uid or name. */
class MetricsContractTest {
  @Test
  void theContractSeriesAreExposedWithBoundedLabels(@TempDir Path dir) throws Exception {
    Path certs = dir.resolve("certs");
    ServerConfig config = ServerConfig.local(dir.resolve("policies"), certs, TestServer.freePort(), TestServer.freePort())
        .withAudit(AuditConfig.builder().logFile(dir.resolve("audit/audit.log")).keyDirectory(certs).build());
    Vertx vertx = Vertx.vertx();
    try (TestServer server = TestServer.start(dir, AdmissionServerTest.POLICY, config)) {
      HttpClient https = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
          .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(Files.readAllBytes(certs.resolve("ca.crt"))))));
      for (String body : new String[] {
          AdmissionServerTest.deployment("secret-uid-1", "prod", 1),
          AdmissionServerTest.deployment("secret-uid-2", "prod", 9),
          "not json"}) {
        https.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
                .setPort(server.server.port()).setURI("/validate").putHeader("Content-Type", "application/json"))
            .compose(request -> request.send(Buffer.buffer(body)))
            .compose(response -> response.body())
            .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      }
      String metrics = vertx.createHttpClient()
          .request(HttpMethod.GET, server.server.adminPort(), "127.0.0.1", "/metrics")
          .compose(request -> request.send()).compose(response -> response.body()).map(Buffer::toString)
          .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

      assertThat(metrics)
          .contains("sparkgate_admission_requests_total{decision=\"allowed\",endpoint=\"validate\",kind=\"Deployment\",operation=\"CREATE\"} 1.0")
          .contains("sparkgate_admission_requests_total{decision=\"denied\",endpoint=\"validate\",kind=\"Deployment\",operation=\"CREATE\"} 1.0")
          .contains("sparkgate_admission_requests_total{decision=\"rejected\",endpoint=\"validate\",kind=\"invalid\",operation=\"invalid\"} 1.0")
          .contains("sparkgate_admission_duration_seconds_bucket{le=\"1.0E-4\"}")
          .contains("sparkgate_policy_evaluations_total{binding=\"replicas-deny\",outcome=\"fail\",policy=\"replicas\"} 1.0")
          .contains("sparkgate_policy_evaluations_total{binding=\"replicas-deny\",outcome=\"pass\",policy=\"replicas\"} 1.0")
          .contains("sparkgate_policies_loaded 1.0")
          .contains("sparkgate_evaluation_deadline_exceeded_total 0.0")
          .contains("sparkgate_image_scan_records{state=\"verified\"} 0.0")
          .contains("sparkgate_image_scan_records{state=\"rejected\"} 0.0")
          .contains("sparkgate_policy_reloads_total{result=\"failure\"} 0.0")
          .contains("sparkgate_certificate_expiry_timestamp_seconds ")
          .contains("sparkgate_audit_records_total{result=\"written\"} 2.0")
          .contains("jvm_memory_used_bytes")
          .contains("vertx_http_server_");
      assertThat(metrics).doesNotContain("secret-uid").doesNotContain("name=\"web\"");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
