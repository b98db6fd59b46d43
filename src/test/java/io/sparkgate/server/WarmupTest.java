package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.audit.AuditConfig;
import io.sparkgate.warmup.WarmupBudget;
import io.sparkgate.warmup.WarmupReport;
import io.sparkgate.warmup.WarmupReviews;
import io.sparkgate.policy.PolicySet;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up at start: it exercises the admission path, and leaves nothing behind that a request would. */
class WarmupTest {
  /** Denies privileged Spark pods, labels every pod, and reads the namespace's tenant. */
  static final String POLICIES = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: no-privileged-spark}
      spec:
        failurePolicy: Fail
        paramKind: {apiVersion: sparkgate.io/v1, kind: SparkTenant}
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [pods]}
        validations:
        - expression: "!object.spec.containers.exists(c, has(c.securityContext) && has(c.securityContext.privileged) && c.securityContext.privileged)"
          messageExpression: "'team ' + params.spec.team + ' may not run privileged pods'"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: no-privileged-spark}
      spec:
        policyName: no-privileged-spark
        validationActions: [Deny]
        paramRef: {name: tenant, parameterNotFoundAction: Deny}
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: MutatingAdmissionPolicy
      metadata: {name: label-pods}
      spec:
        failurePolicy: Fail
        reinvocationPolicy: Never
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
        mutations:
        - patchType: ApplyConfiguration
          applyConfiguration:
            expression: "Object{metadata: Object.metadata{labels: {'checked': 'yes'}}}"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: MutatingAdmissionPolicyBinding
      metadata: {name: label-pods}
      spec:
        policyName: label-pods
      ---
      apiVersion: sparkgate.io/v1
      kind: SparkTenant
      metadata: {name: tenant, namespace: team-warm}
      spec:
        team: warm
        costCenter: cc-1
      """;

  /** Every review twice, however loaded the machine is (the time is only a backstop). */
  static final WarmupBudget TWO_ROUNDS =
      new WarmupBudget(Duration.ofSeconds(60), 2L * WarmupReviews.forSet(PolicySet.empty()).size());

  @TempDir Path dir;
  Vertx vertx;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theWarmUpRunsAllowedAndDeniedRequestsAndLeavesNoAuditRecordOrAdmissionCount() throws Exception {
    ServerConfig config = auditedConfig();
    try (TestServer server = start(config, POLICIES, TWO_ROUNDS)) {
      WarmupReport report = server.server.warmupReport();
      assertThat(report.problem()).isNull();
      assertThat(report.namespace()).isEqualTo("team-warm");
      assertThat(report.answered()).isEqualTo(TWO_ROUNDS.maxRequests());
      assertThat(report.allowed()).isPositive();
      assertThat(report.denied()).isPositive();
      assertThat(report.failed()).isZero();

      assertThat(decisionsIn(config)).isEmpty();
      String metrics = scrape(server);
      assertThat(metrics)
          .doesNotContain("sparkgate_admission_requests_total{")
          .doesNotContain("sparkgate_policy_evaluations_total{")
          .contains("sparkgate_admission_duration_seconds_count 0\n")
          .contains("sparkgate_admission_answered_total{status=\"200\"} 0.0")
          .contains("sparkgate_admission_in_flight 0.0")
          .contains("sparkgate_audit_records_total{result=\"written\"} 0.0")
          .doesNotContain("vertx_http_server_requests_total{");

      // the same counters do count a real request
      post(server, AdmissionServerTest.deployment("real-1", "prod", 1));
      assertThat(decisionsIn(config)).hasSize(1);
      assertThat(scrape(server))
          .contains("sparkgate_admission_duration_seconds_count 1\n")
          .contains("sparkgate_admission_answered_total{status=\"200\"} 1.0");
    }
  }

  @Test
  void anEmptyPolicySetIsWarmedAndStarts() throws Exception {
    try (TestServer server = start(auditedConfig(), "", TWO_ROUNDS)) {
      WarmupReport report = server.server.warmupReport();
      assertThat(report.problem()).isNull();
      assertThat(report.namespace()).isEqualTo("default");
      assertThat(report.allowed()).isPositive();
      assertThat(report.denied()).isZero();
      assertThat(server.server.policies().loaded()).isTrue();
    }
  }

  @Test
  void policiesThatFailOnEveryRequestDoNotStopTheStart() throws Exception {
    String failing = POLICIES
        .replace("!object.spec.containers.exists(", "object.spec.noSuchField.exists(")
        .replace("'checked': 'yes'", "'checked': string(object.spec.noSuchField)");
    ServerConfig config = auditedConfig();
    try (TestServer server = start(config, failing, TWO_ROUNDS)) {
      WarmupReport report = server.server.warmupReport();
      assertThat(report.answered()).isEqualTo(TWO_ROUNDS.maxRequests());
      assertThat(report.failed()).isZero();
      assertThat(report.allowed()).as("every pod is denied by the failing policies").isLessThan(report.answered());
      assertThat(decisionsIn(config)).isEmpty();
    }
  }

  @Test
  void noWarmUpIsTheLibraryDefault() throws Exception {
    try (TestServer server = TestServer.start(dir, POLICIES, auditedConfig())) {
      assertThat(server.server.warmupReport()).isNull();
    }
  }

  private ServerConfig auditedConfig() throws Exception {
    Path certs = dir.resolve("certs");
    return ServerConfig.local(dir.resolve("policies"), certs, TestServer.freePort(), TestServer.freePort())
        .withAudit(AuditConfig.builder().logFile(dir.resolve("audit/audit.log")).keyDirectory(certs).build());
  }

  private TestServer start(ServerConfig config, String policies, WarmupBudget warmup) throws Exception {
    Path policyDir = Files.createDirectories(config.policies());
    Files.writeString(policyDir.resolve("policy.yaml"), policies);
    SparkgateServer server = new SparkgateServer(config).withWarmup(warmup);
    server.start();
    return TestServer.wrap(policyDir, config.certs(), server);
  }

  private static List<String> decisionsIn(ServerConfig config) throws Exception {
    return Files.readAllLines(config.audit().logFile()).stream()
        .filter(line -> line.contains("\"type\":\"decision\"")).toList();
  }

  private String scrape(TestServer server) throws Exception {
    return vertx.createHttpClient()
        .request(HttpMethod.GET, server.server.adminPort(), "127.0.0.1", "/metrics")
        .compose(request -> request.send()).compose(response -> response.body()).map(Buffer::toString)
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private void post(TestServer server, String body) throws Exception {
    vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false))
        .request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
            .setPort(server.server.port()).setURI("/validate").putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> response.body())
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
