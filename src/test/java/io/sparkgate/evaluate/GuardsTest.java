package io.sparkgate.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.suite.CaseResult;
import io.sparkgate.suite.SuiteRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No policy can stall the engine: the cost limit, the iteration bound and the value-size guard
 * end an evaluation with an error that follows failurePolicy and names the policy.
 */
class GuardsTest {
  static final String SUITE = """
      suite: guards
      resources:
      - apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: nested-loops}
        spec:
          failurePolicy: %s
          matchConstraints:
            resourceRules:
            - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
          validations:
          - expression: "%s"
      - apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: nested-loops}
        spec: {policyName: nested-loops, validationActions: [Deny]}
      defaults: {phase: validate, namespace: default}
      cases:
      - name: expensive
        object: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {big: "%s"}}
        expect:
          %s
      """;

  private static List<CaseResult> run(Path dir, String failurePolicy, String expression, String expect) throws Exception {
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, SUITE.formatted(failurePolicy, expression, "a".repeat(200_000), expect));
    return new SuiteRunner().run(suite);
  }

  static final String ITERATIONS = "lists.range(2000).all(i, lists.range(2000).all(j, i + j >= 0))";

  @Test
  void theIterationBoundStopsNestedComprehensionsAndFailClosedDenies(@TempDir Path dir) throws Exception {
    long start = System.nanoTime();
    List<CaseResult> results = run(dir, "Fail", ITERATIONS,
        "{allowed: false, messageContains: [\"ValidatingAdmissionPolicy 'nested-loops' with binding 'nested-loops' denied request: expression '\", "
            + "\"resulted in error: operation cancelled\"]}");
    assertThat(results).allSatisfy(result -> assertThat(result.failures()).as(result.line()).isEmpty());
    assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
  }

  @Test
  void failurePolicyIgnoreAdmitsWhenTheBoundIsHit(@TempDir Path dir) throws Exception {
    assertThat(run(dir, "Ignore", ITERATIONS, "{allowed: true}"))
        .allSatisfy(result -> assertThat(result.failures()).as(result.line()).isEmpty());
  }

  @Test
  void theCostLimitStopsALongEvaluationWhateverTheTimeItTakes(@TempDir Path dir) throws Exception {
    // twenty thousand iterations, far under the bound, each matching a regex over 200,000
    // characters: 60,003 units a match, so the 17th match passes the limit of 1,000,000
    String slow = "lists.range(20000).all(i, !object.data.big.matches('^(a|aa)*b$'))";
    assertThat(run(dir, "Fail", slow,
        "{allowed: false, messageContains: [\"resulted in error: operation cancelled: actual cost limit exceeded\"]}"))
        .allSatisfy(result -> assertThat(result.failures()).as(result.line()).isEmpty());
  }

  @Test
  void aStringBuiltPastTheLimitEndsTheEvaluationBeforeItFillsTheHeap(@TempDir Path dir) throws Exception {
    // one call builds 200,000 x 100 = 20 million characters, past the limit of 16 Mi, for 40,000 units
    String replace = "object.data.big.replace('a', '" + "b".repeat(100) + "').size() > 0";
    assertThat(run(dir, "Fail", replace,
        "{allowed: false, messageContains: [\"operation cancelled: the evaluation built a string of 20000000 characters\"]}"))
        .allSatisfy(result -> assertThat(result.failures()).as(result.line()).isEmpty());
    assertThat(run(dir, "Ignore", replace, "{allowed: true}"))
        .allSatisfy(result -> assertThat(result.failures()).as(result.line()).isEmpty());
  }

  @Test
  void aStringDoubledStepByStepIsStoppedByItsCopyingCost(@TempDir Path dir) throws Exception {
    // 200,000 characters doubled: copying 12.8 million characters alone costs 1.28 million units
    String doubling = "cel.bind(a, object.data.big + object.data.big, cel.bind(b, a + a, cel.bind(c, b + b, "
        + "cel.bind(d, c + c, cel.bind(e, d + d, cel.bind(f, e + e, cel.bind(g, f + f, g.size() > 0)))))))";
    assertThat(run(dir, "Fail", doubling,
        "{allowed: false, messageContains: [\"operation cancelled: actual cost limit exceeded\"]}"))
        .allSatisfy(result -> assertThat(result.failures()).as(result.line()).isEmpty());
  }
}
