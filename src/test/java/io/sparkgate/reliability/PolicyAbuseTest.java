package io.sparkgate.reliability;

import io.sparkgate.testing.Reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expensive policies (nested comprehensions, a doubling string, a backtracking-shaped regex over a
 * large string) are stopped by the cost limit, the same way on every run, and answered by
 * failurePolicy, while requests that do not hit them stay fast.
 */
class PolicyAbuseTest {
  static String abusivePolicy(String name, String failurePolicy, String expression) {
    return """
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: %1$s}
        spec:
          failurePolicy: %2$s
          matchConstraints:
            resourceRules:
            - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
          validations:
          - expression: "%3$s"
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: %1$s}
        spec: {policyName: %1$s, validationActions: [Deny]}
        """.formatted(name, failurePolicy, expression);
  }

  static final String POLICIES = Reviews.REPLICAS_POLICY
      + abusivePolicy("nested-loops", "Fail", "lists.range(3000).all(i, lists.range(3000).all(j, i + j >= 0))")
      + abusivePolicy("doubling-string", "Fail", "cel.bind(a, object.data.big + object.data.big, cel.bind(b, a + a, "
          + "cel.bind(c, b + b, cel.bind(d, c + c, cel.bind(e, d + d, cel.bind(f, e + e, cel.bind(g, f + f, "
          + "cel.bind(h, g + g, h.size() > 0))))))))")
      + abusivePolicy("slow-regex", "Fail", "lists.range(20000).all(i, !object.data.big.matches('^(a|aa)*b$'))")
      + abusivePolicy("slow-regex-ignored", "Ignore", "lists.range(20000).all(i, !object.data.big.matches('^(a|aa)*c$'))");

  /**
   * The cost limit; on a machine so loaded that the three bindings together take over 5 s, the
   * request's wall-clock safety net stops the rest.
   */
  private static final String CUT_OFF =
      "(actual cost limit exceeded|evaluation exceeded the request's deadline of 5000 ms)";

  @Test
  void abusivePoliciesAreCutOffAndOtherRequestsStayFast(@TempDir Path dir) throws Exception {
    String big = "a".repeat(200_000);
    try (ReliabilityServer server = ReliabilityServer.start(dir, POLICIES);
        LoadDriver driver = new LoadDriver(server.ca(), server.port(), 32, Duration.ofSeconds(10))) {
      LoadResult warm = driver.closedLoop(4, Duration.ofSeconds(2), "/validate", i -> Reviews.deployment("w" + i, 1));
      LoadResult baseline = driver.closedLoop(4, Duration.ofSeconds(3), "/validate", i -> Reviews.deployment("b" + i, 1));

      long start = System.nanoTime();
      CompletableFuture<LoadResult> abuse = CompletableFuture.supplyAsync(() -> {
        try {
          return driver.closedLoop(4, Duration.ofSeconds(8), "/validate", i -> Reviews.configMap("abuse" + i, big));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      LoadDriver.Answer first = driver.send("/validate", Reviews.configMap("abuse-first", big)).get();
      LoadResult during = driver.closedLoop(4, Duration.ofSeconds(8), "/validate", i -> Reviews.deployment("d" + i, 1))
          .expecting(answer -> LoadDriver.isReviewAnswer(answer, true));
      LoadResult abused = abuse.get();
      Figures.record("policy-abuse", "baseline " + baseline + " | normal requests during abuse " + during
          + " | abusive requests " + abused + " | took " + (System.nanoTime() - start) / 1_000_000 + " ms");

      String message = first.body();
      assertThat(first.status()).isEqualTo(200);
      assertThat(message).contains("\"allowed\":false")
          .containsPattern("ValidatingAdmissionPolicy 'nested-loops' with binding 'nested-loops' denied request: "
              + "expression '[^']+' resulted in error: operation cancelled: " + CUT_OFF)
          .containsPattern("ValidatingAdmissionPolicy 'doubling-string' with binding 'doubling-string' denied request: "
              + "expression '[^']+' resulted in error: operation cancelled: " + CUT_OFF)
          .containsPattern("ValidatingAdmissionPolicy 'slow-regex' with binding 'slow-regex' denied request: "
              + "expression 'lists\\.range\\(20000\\)[^;]+' resulted in error: operation cancelled: " + CUT_OFF)
          .doesNotContain("slow-regex-ignored");
      assertThat(abused.count()).isGreaterThan(4);
      assertThat(abused.serverErrors() + abused.failures()).isZero();
      assertThat(abused.status(200)).isEqualTo(abused.count());
      // the cost limits stop each binding; on a starved machine the 5 s safety net stops the request,
      // which is then answered before the API server's default webhook timeout of 10 s
      assertThat(abused.maxMillis()).as("abusive requests are answered inside the webhook timeout").isLessThan(10_000);
      assertThat(during.unexpected()).isEmpty();
      assertThat(during.serverErrors() + during.failures()).isZero();
      assertThat(during.maxMillis()).as("a normal request while abusive ones run, ms").isLessThan(2_500);
      assertThat(warm.count()).isPositive();
    }
  }
}
