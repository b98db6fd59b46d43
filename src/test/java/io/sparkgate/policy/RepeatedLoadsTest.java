package io.sparkgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A loader that remembers repeated loads compiles a file again only when its text changed. */
class RepeatedLoadsTest {
  private static final String POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: replicas}
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
        validations:
        - expression: "object.spec.replicas <= %d"
        - expression: "object.spec.replicas >"
      """;

  private static Map<Path, String> texts(int limit) {
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(Path.of("policy.yaml"), POLICY.formatted(limit));
    texts.put(Path.of("broken.yaml"), "a: [b\n");
    return texts;
  }

  private static PolicySetLoader.Result load(PolicySetLoader loader, Map<Path, String> texts) {
    return loader.compile(texts, new ArrayList<>());
  }

  @Test
  void theSameTextsGiveTheSameIssuesAndTheSameCompiledPolicy() {
    PolicySetLoader remembering = new PolicySetLoader(CelEnvironment.standard()).rememberingRepeatedLoads();
    PolicySetLoader.Result first = load(remembering, texts(3));
    PolicySetLoader.Result second = load(remembering, texts(3));
    PolicySetLoader.Result fresh = load(new PolicySetLoader(CelEnvironment.standard()), texts(3));

    List<String> issues = fresh.issues().stream().map(LoadIssue::toString).toList();
    assertThat(issues).hasSize(2);
    assertThat(first.issues().stream().map(LoadIssue::toString).toList()).isEqualTo(issues);
    assertThat(second.issues().stream().map(LoadIssue::toString).toList()).isEqualTo(issues);
    assertThat(second.policySet().validatingPolicies().get(0)).isSameAs(first.policySet().validatingPolicies().get(0));
    assertThat(second.policySet().hash()).isEqualTo(fresh.policySet().hash());
  }

  @Test
  void aChangedTextIsCompiledAgain() {
    PolicySetLoader remembering = new PolicySetLoader(CelEnvironment.standard()).rememberingRepeatedLoads();
    PolicySetLoader.Result first = load(remembering, texts(3));
    PolicySetLoader.Result changed = load(remembering, texts(4));
    assertThat(changed.policySet().validatingPolicies().get(0)).isNotSameAs(first.policySet().validatingPolicies().get(0));
    assertThat(changed.policySet().hash()).isNotEqualTo(first.policySet().hash());

    Map<Path, String> moved = new LinkedHashMap<>();
    moved.put(Path.of("other.yaml"), POLICY.formatted(3));
    assertThat(load(remembering, moved).policySet().validatingPolicies().get(0))
        .isNotSameAs(first.policySet().validatingPolicies().get(0));
  }
}
