package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.certs.CertificateDirectory;
import io.sparkgate.certs.CertificateGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real HTTPS: answers, bad input, certificate rotation and policy reload. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionServerTest {
  static final String POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: replicas}
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
        validations:
        - expression: object.spec.replicas <= 5
          reason: Forbidden
        auditAnnotations:
        - key: replicas
          valueExpression: "'replicas: ' + string(object.spec.replicas)"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: replicas-deny}
      spec:
        policyName: replicas
        validationActions: [Deny]
        matchResources:
          namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: prod}
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: replicas-warn}
      spec:
        policyName: replicas
        validationActions: [Warn, Audit]
        matchResources:
          namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: dev}
      """;

  @TempDir static Path dir;
  TestServer server;
  Vertx vertx;
  HttpClient client;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir, POLICY, 64 * 1024);
    vertx = Vertx.vertx();
    client = clientTrusting(server.certs.resolve("ca.crt"));
  }

  @AfterAll
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.close();
  }

  private HttpClient clientTrusting(Path ca) throws Exception {
    return vertx.createHttpClient(new HttpClientOptions()
        .setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(Files.readAllBytes(ca))))
        .setVerifyHost(true)
        .setKeepAlive(false));
  }

  record Answer(int status, String body, String subject) {
    JsonObject json() {
      return new JsonObject(body);
    }

    JsonObject response() {
      return json().getJsonObject("response");
    }
  }

  private Answer send(HttpClient http, HttpMethod method, String path, String contentType, Buffer body) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("localhost")
        .setPort(server.server.port()).setURI(path);
    if (contentType != null) {
      options.putHeader("Content-Type", contentType);
    }
    return http.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b.toString(),
            subjectOf(response))))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static String subjectOf(HttpClientResponse response) {
    try {
      return ((java.security.cert.X509Certificate) response.request().connection().peerCertificates().get(0))
          .getSubjectX500Principal().getName() + " issued by "
          + ((java.security.cert.X509Certificate) response.request().connection().peerCertificates().get(0))
          .getIssuerX500Principal().getName();
    } catch (Exception e) {
      return "";
    }
  }

  private Answer review(String json) throws Exception {
    return send(client, HttpMethod.POST, "/validate", "application/json", Buffer.buffer(json));
  }

  static String deployment(String uid, String namespace, int replicas) {
    return """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
          "uid":"%s","kind":{"group":"apps","version":"v1","kind":"Deployment"},
          "resource":{"group":"apps","version":"v1","resource":"deployments"},
          "name":"web","namespace":"%s","operation":"CREATE",
          "userInfo":{"username":"alice","groups":["system:authenticated"]},
          "object":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"%s"},
                    "spec":{"replicas":%d}},
          "dryRun":false}}""".formatted(uid, namespace, namespace, replicas);
  }

  @Test
  void allowsACompliantObjectAndEchoesTheUid() throws Exception {
    Answer answer = review(deployment("uid-allow", "prod", 3));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().getString("apiVersion")).isEqualTo("admission.k8s.io/v1");
    assertThat(answer.json().getString("kind")).isEqualTo("AdmissionReview");
    assertThat(answer.response().getString("uid")).isEqualTo("uid-allow");
    assertThat(answer.response().getBoolean("allowed")).isTrue();
    assertThat(answer.response().containsKey("patch")).isFalse();
  }

  @Test
  void deniesWithTheReasonsCodeAndTheKubernetesMessage() throws Exception {
    Answer answer = review(deployment("uid-deny", "prod", 7));
    JsonObject response = answer.response();
    assertThat(response.getBoolean("allowed")).isFalse();
    assertThat(response.getJsonObject("status").getInteger("code")).isEqualTo(403);
    assertThat(response.getJsonObject("status").getString("reason")).isEqualTo("Forbidden");
    assertThat(response.getJsonObject("status").getString("message")).isEqualTo(
        "ValidatingAdmissionPolicy 'replicas' with binding 'replicas-deny' denied request: "
            + "failed expression: object.spec.replicas <= 5");
    assertThat(response.getJsonObject("auditAnnotations").getString("replicas_replicas")).isEqualTo("replicas: 7");
  }

  @Test
  void warnsAndAuditsWhereTheBindingSaysSo() throws Exception {
    JsonObject response = review(deployment("uid-warn", "dev", 9)).response();
    assertThat(response.getBoolean("allowed")).isTrue();
    assertThat(response.getJsonArray("warnings").getList()).containsExactly(
        "Validation failed for ValidatingAdmissionPolicy 'replicas' with binding 'replicas-warn': "
            + "failed expression: object.spec.replicas <= 5");
    JsonObject annotations = response.getJsonObject("auditAnnotations");
    assertThat(new io.vertx.core.json.JsonArray(annotations.getString("validation_failure")).getJsonObject(0).getMap())
        .containsEntry("policy", "replicas")
        .containsEntry("binding", "replicas-warn")
        .containsEntry("expressionIndex", 0)
        .containsEntry("message", "failed expression: object.spec.replicas <= 5");
  }

  @Test
  void answersEveryClassOfBadInputWithA4xxAndAReason() throws Exception {
    assertBad(review("this is not json"), 400, "not valid JSON");
    assertBad(review("[1,2]"), 400, "not a JSON object");
    assertBad(review("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}"), 400, "kind must be \"AdmissionReview\"");
    assertBad(review("{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1beta1\",\"request\":{}}"),
        400, "apiVersion must be \"admission.k8s.io/v1\"");
    assertBad(review("{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\"}"), 400, "has no request");
    assertBad(review(deployment("", "prod", 1)), 400, "request.uid is missing");
    assertBad(review(deployment("u", "prod", 1).replace("\"operation\":\"CREATE\"", "\"operation\":\"PATCH\"")),
        400, "request.operation must be one of");
    assertBad(review("{\"a\":1,\"a\":2}"), 400, "Duplicate field");
    assertBad(review(deployment("u", "prod", 1) + "{}"), 400, "content after the AdmissionReview");
    assertBad(review("[".repeat(500) + "]".repeat(500)), 400, "nesting depth");
    assertBad(send(client, HttpMethod.POST, "/validate", "text/plain", Buffer.buffer(deployment("u", "prod", 1))),
        415, "Content-Type must be application/json");
    assertBad(send(client, HttpMethod.POST, "/validate", null, Buffer.buffer(deployment("u", "prod", 1))),
        415, "Content-Type");
    assertBad(review("{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}"), 413, "larger than the limit");
    assertBad(send(client, HttpMethod.POST, "/validate", "application/json",
        Buffer.buffer(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})), 400, "UTF-8");
    assertBad(send(client, HttpMethod.POST, "/nowhere", "application/json", Buffer.buffer("{}")), 404, "no such path");
    assertBad(send(client, HttpMethod.GET, "/validate", null, Buffer.buffer()), 405, "use POST");
    assertBad(review(""), 400, "empty");
    // and the server still serves normal traffic
    assertThat(review(deployment("after", "prod", 1)).response().getBoolean("allowed")).isTrue();
  }

  private static void assertBad(Answer answer, int status, String reason) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(new JsonObject(answer.body()).getString("reason")).containsIgnoringCase(reason);
  }

  @Test
  void aRotatedCertificateIsServedToNewConnections(@TempDir Path own) throws Exception {
    try (TestServer rotating = TestServer.start(own, POLICY, 64 * 1024)) {
      HttpClient trustingOldCa = clientTrusting(rotating.certs.resolve("ca.crt"));
      String before = send(trustingOldCa, rotating, deployment("before-rotation", "prod", 1)).subject();
      Path rotated = Files.createDirectories(own.resolve("rotated"));
      new CertificateDirectory(rotated).write(new CertificateGenerator().generate("sparkgate", "sparkgate", 30));
      Files.copy(rotated.resolve("tls.key"), rotating.certs.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(rotated.resolve("tls.crt"), rotating.certs.resolve("tls.crt"), StandardCopyOption.REPLACE_EXISTING);
      HttpClient trustingNewCa = clientTrusting(rotated.resolve("ca.crt"));
      Answer after = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (after == null && System.nanoTime() < deadline) {
        try {
          after = send(trustingNewCa, rotating, deployment("after-rotation", "prod", 1));
        } catch (Exception handshakeRefusedUntilTheSwap) {
          Thread.sleep(200);
        }
      }
      assertThat(after).as("a new connection trusting only the new CA succeeds after the swap").isNotNull();
      assertThat(after.response().getBoolean("allowed")).isTrue();
      assertThat(after.subject()).isNotEqualTo(before);
    }
  }

  private Answer send(HttpClient http, TestServer target, String json) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
        .setPort(target.server.port()).setURI("/validate").putHeader("Content-Type", "application/json");
    return http.request(options)
        .compose(request -> request.send(Buffer.buffer(json)))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b.toString(),
            subjectOf(response))))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void aBrokenPolicyFileDuringReloadLeavesTheOldSetInService() throws Exception {
    String hashBefore = server.server.policies().current().hash();
    Path broken = server.policies.resolve("broken.yaml");
    Files.writeString(broken, POLICY.replace("name: replicas}", "name: other}").replace("policyName: replicas", "policyName: other")
        .replace("name: replicas-deny", "name: other-deny").replace("name: replicas-warn", "name: other-warn")
        .replace("object.spec.replicas <= 5", "object.spec.replicas <= ("), StandardCharsets.UTF_8);
    double failures = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && failures == 0) {
      Thread.sleep(100);
      var counter = server.server.registry().find("sparkgate.policy.reloads").tag("result", "failure").counter();
      failures = counter == null ? 0 : counter.count();
    }
    assertThat(failures).as("the broken reload was attempted and rejected").isGreaterThan(0);
    assertThat(server.server.policies().current().hash()).isEqualTo(hashBefore);
    assertThat(review(deployment("still-denied", "prod", 7)).response().getBoolean("allowed")).isFalse();
    Files.delete(broken);
  }

  @Test
  void adminPortReportsHealthReadinessAndMetrics() throws Exception {
    HttpClient plain = vertx.createHttpClient();
    int port = server.server.adminPort();
    for (String path : new String[] {"/healthz", "/readyz", "/metrics"}) {
      int status = plain.request(HttpMethod.GET, port, "127.0.0.1", path)
          .compose(request -> request.send()).map(HttpClientResponse::statusCode)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(status).as(path).isEqualTo(200);
    }
    review(deployment("metrics", "prod", 7));
    String metrics = server.server.registry().scrape();
    assertThat(metrics).contains("sparkgate_admission_requests_total{decision=\"denied\",endpoint=\"validate\",kind=\"Deployment\",operation=\"CREATE\"}");
    assertThat(metrics).contains("sparkgate_admission_duration_seconds_bucket");
  }
}
