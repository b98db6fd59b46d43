package io.sparkgate.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.AdmissionEngine;
import io.sparkgate.engine.Phase;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.SafetyNet;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.testing.Reviews;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The actions and outcomes of policy results read as the audit log, the metrics and reports have
 * always written them: {@code deny,audit}, {@code warn,audit}, {@code none}, {@code patch};
 * {@code fail}, {@code not-applicable}, {@code mutated}.
 */
class PolicyResultTest {
  private static final String POLICIES = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: %1$s}
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [%2$s], apiVersions: [v1], operations: [CREATE], resources: [%3$s]}
        validations:
        - expression: "false"
          message: always
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: %1$s}
      spec: {policyName: %1$s, validationActions: %4$s}
      """;

  private static final String MUTATION = """
      apiVersion: admissionregistration.k8s.io/v1alpha1
      kind: MutatingAdmissionPolicy
      metadata: {name: label}
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
        reinvocationPolicy: Never
        mutations:
        - patchType: JSONPatch
          jsonPatch:
            expression: "[JSONPatch{op: 'add', path: '/metadata/labels', value: {'team': 'a'}}]"
      ---
      apiVersion: admissionregistration.k8s.io/v1alpha1
      kind: MutatingAdmissionPolicyBinding
      metadata: {name: label}
      spec: {policyName: label}
      """;

  private static List<PolicyResult> review(Phase phase) throws Exception {
    String texts = String.join("---\n",
        POLICIES.formatted("audited-deny", "apps", "deployments", "[Audit, Deny]"),
        POLICIES.formatted("audited-warning", "apps", "deployments", "[Warn, Audit]"),
        POLICIES.formatted("other-kind", "\"\"", "configmaps", "[Deny]"),
        POLICIES.formatted("excluded", "apps", "deployments", "[Deny]")
            .replace("  validations:", "  matchConditions: [{name: never, expression: 'false'}]\n  validations:"),
        MUTATION);
    PolicySetLoader.Result loaded = new PolicySetLoader(CelEnvironment.standard())
        .compile(Map.of(Path.of("policies.yaml"), texts), new ArrayList<>());
    assertThat(loaded.errors()).isEmpty();
    PolicySet set = loaded.policySet();
    AdmissionEngine engine = new AdmissionEngine(SafetyNet.OFF, CelEnvironment.unsupportedAuthorizer());
    return engine.review(new AdmissionReviewDecoder(100).decode(Reviews.deployment("uid-1", 1)), set, phase,
        Explainer.NONE).results();
  }

  private static PolicyResult of(List<PolicyResult> results, String policy) {
    return results.stream().filter(result -> result.policy().equals(policy)).findFirst().orElseThrow();
  }

  @Test
  void actionsAreWrittenInTheOrderDenyWarnAuditWhateverTheBindingSays() throws Exception {
    List<PolicyResult> results = review(Phase.VALIDATE);
    assertThat(of(results, "audited-deny").actionWireName()).isEqualTo("deny,audit");
    assertThat(of(results, "audited-deny").outcome().wireName()).isEqualTo("fail");
    assertThat(of(results, "audited-warning").actionWireName()).isEqualTo("warn,audit");
  }

  @Test
  void aBindingItsMatchConditionsExcludeIsNoneAndNotApplicable() throws Exception {
    List<PolicyResult> results = review(Phase.VALIDATE);
    assertThat(results).noneMatch(result -> result.policy().equals("other-kind"));
    assertThat(of(results, "excluded").actionWireName()).isEqualTo("none");
    assertThat(of(results, "excluded").outcome()).hasToString("not-applicable");
    assertThat(new PolicyResult("p", "b", null, Set.of(), PolicyResult.Outcome.PASS, "").actionWireName())
        .isEqualTo("none");
  }

  @Test
  void aMutationThatChangedTheObjectIsPatchAndMutated() throws Exception {
    PolicyResult mutation = of(review(Phase.MUTATE), "label");
    assertThat(mutation.actionWireName()).isEqualTo("patch");
    assertThat(mutation.outcome().wireName()).isEqualTo("mutated");
  }

  @Test
  void everyOutcomeHasTheTextItHadAsAString() {
    assertThat(List.of(PolicyResult.Outcome.values()).stream().map(PolicyResult.Outcome::wireName))
        .containsExactly("pass", "fail", "error", "misconfigured", "not-applicable", "mutated", "unchanged");
  }
}
