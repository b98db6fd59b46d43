package io.sparkgate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.testing.Reviews;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity first (closed loop), then three and ten times that rate open loop: every request is
 * answered inside the webhook timeout, with a decision or, past --max-in-flight, a 429 with a JSON
 * reason; the server's own counters (answered by status, overloaded, unanswered) agree with what the
 * client saw. The policy costs a few milliseconds of CPU per request, as a pack does, so that the
 * in-flight bound is what limits the server and the excess can be shed; with a trivial policy the
 * TLS and HTTP work of the two processes sharing the machine's cores would be the limit, which no
 * answer can shed. {@code -Dsparkgate.overload.seconds=60} runs each phase longer.
 */
class OverloadTest {
  static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);
  /**
   * Small, so that the requests admitted at once drain well inside the webhook timeout even when
   * the machine running the tests gives the server a fraction of a core (worst wait for a decision
   * about MAX_IN_FLIGHT / capacity).
   */
  static final int MAX_IN_FLIGHT = 8;
  /** The client's kept-alive connections: enough that 429s, not the client's pool, absorb the excess. */
  static final int CONNECTIONS = 64;

  /** About 11,000 comprehension steps per request: a few milliseconds, well inside every budget. */
  static final String COSTLY_POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: replicas-costly}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
          - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
        variables:
        - name: steps
          expression: "[STEPS]"
        validations:
        - expression: variables.steps.all(i, variables.steps.exists(j, j == i)) && object.spec.replicas <= 5
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: replicas-costly}
      spec: {policyName: replicas-costly, validationActions: [Deny]}
      """.replace("STEPS", IntStream.range(0, 150).mapToObj(String::valueOf).collect(Collectors.joining(",")));

  @Test
  void threeAndTenTimesCapacityAreAnsweredInsideTheWebhookTimeout(@TempDir Path dir) throws Exception {
    long phaseSeconds = Long.getLong("sparkgate.overload.seconds", 4);
    try (ReliabilityServer server = ReliabilityServer.start(dir, COSTLY_POLICY,
            config -> config.withMaxInFlight(MAX_IN_FLIGHT));
        LoadDriver driver = new LoadDriver(server.ca(), server.port(), CONNECTIONS, WEBHOOK_TIMEOUT)) {
      // every connection of the pool is opened (and warmed) before the overload, as the API
      // server's kept-alive connections are: the overload measures requests, not TLS handshakes
      driver.closedLoop(CONNECTIONS, Duration.ofSeconds(3), "/validate", i -> Reviews.deployment("warm-" + i, i % 10));
      // as many clients as requests may be in flight: capacity counts decisions, not 429s
      LoadResult capacity = driver.closedLoop(MAX_IN_FLIGHT, Duration.ofSeconds(3), "/validate",
          i -> Reviews.deployment("cap-" + i, i % 10));
      // a server that decides within a second has at least MAX_IN_FLIGHT decisions a second; a
      // lower figure means the machine stalled while it was measured
      double perSecond = Math.max(capacity.perSecond(), MAX_IN_FLIGHT);
      AdminProbe admin = new AdminProbe(server.server.adminPort());
      ServerCounts before = ServerCounts.read(admin.metrics());
      LoadResult three = driver.openLoop(3 * perSecond, Duration.ofSeconds(phaseSeconds), "/validate",
          i -> Reviews.deployment("three-" + i, i % 10)).expecting(OverloadTest::decisionOrOverloaded);
      LoadResult ten = driver.openLoop(10 * perSecond, Duration.ofSeconds(phaseSeconds / 2), "/validate",
          i -> Reviews.deployment("ten-" + i, i % 10)).expecting(OverloadTest::decisionOrOverloaded);
      ServerCounts after = settledCounts(admin, before, three.status(200) + ten.status(200) + three.status(429)
          + ten.status(429));
      Figures.record("overload", String.format("capacity %.0f/s (closed loop, %d connections: %s); max in flight %d, "
              + "%d connections; 3x for %d s: %s; 10x for %d s: %s; server: %s",
          capacity.perSecond(), MAX_IN_FLIGHT, capacity, MAX_IN_FLIGHT, CONNECTIONS, phaseSeconds, three,
          phaseSeconds / 2, ten, after.minus(before)));

      for (LoadResult result : new LoadResult[] {three, ten}) {
        assertThat(result.failures()).as("requests without an answer: " + result.failureSamples()).isZero();
        assertThat(result.unexpected()).as("answers other than a decision or a 429 with a reason").isEmpty();
        assertThat(result.maxMillis()).as("worst answer time from when the request was due, ms")
            .isLessThan(WEBHOOK_TIMEOUT.toMillis());
      }
      assertThat(ten.status(429)).as("at ten times capacity the excess is turned away").isPositive();
      ServerCounts served = after.minus(before);
      assertThat((long) served.overloaded()).as("429s counted by the server").isEqualTo(three.status(429) + ten.status(429));
      assertThat((long) served.answered429()).isEqualTo(three.status(429) + ten.status(429));
      assertThat((long) served.answered200()).as("decisions counted by the server").isEqualTo(three.status(200) + ten.status(200));
      assertThat((long) served.unanswered()).as("requests the server received and could not answer").isZero();
      assertThat(admin.healthy()).isTrue();
      // a decision, not a 429: the slots of the overload were all given back (on a starved machine
      // the costly policy may hit the evaluation deadline, which is a decision too)
      LoadDriver.Answer afterwards = driver.send("/validate", Reviews.deployment("after", 1)).get();
      assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(200);
      assertThat(decisionOrOverloaded(afterwards)).as(afterwards.toString()).isTrue();
    }
  }

  static boolean decisionOrOverloaded(LoadDriver.Answer answer) {
    if (answer.status() == 429) {
      return answer.body().contains("\"code\":429") && answer.body().contains("overloaded");
    }
    return answer.status() == 200 && answer.body().contains("\"kind\":\"AdmissionReview\"");
  }

  /** The server's answer counters, from its Prometheus text. */
  record ServerCounts(double answered200, double answered429, double overloaded, double unanswered) {
    static ServerCounts read(String metrics) {
      return new ServerCounts(value(metrics, "sparkgate_admission_answered_total{status=\"200\"}"),
          value(metrics, "sparkgate_admission_answered_total{status=\"429\"}"),
          value(metrics, "sparkgate_admission_overloaded_total"), value(metrics, "sparkgate_admission_unanswered_total"));
    }

    ServerCounts minus(ServerCounts earlier) {
      return new ServerCounts(answered200 - earlier.answered200, answered429 - earlier.answered429,
          overloaded - earlier.overloaded, unanswered - earlier.unanswered);
    }

    private static double value(String metrics, String series) {
      for (String line : metrics.split("\n")) {
        if (line.startsWith(series + " ")) {
          return Double.parseDouble(line.substring(series.length() + 1).trim());
        }
      }
      throw new AssertionError("no " + series + " in the metrics");
    }
  }

  /**
   * The server counts an answer when its response has ended, which on a starved machine can come
   * after the client has read it: wait (at most 5 s) until the server has counted as many answers
   * as the client received.
   */
  private static ServerCounts settledCounts(AdminProbe admin, ServerCounts before, long answersReceived)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    ServerCounts after = ServerCounts.read(admin.metrics());
    while (System.nanoTime() < deadline) {
      ServerCounts served = after.minus(before);
      if ((long) (served.answered200() + served.answered429()) >= answersReceived) {
        break;
      }
      Thread.sleep(50);
      after = ServerCounts.read(admin.metrics());
    }
    return after;
  }
}
