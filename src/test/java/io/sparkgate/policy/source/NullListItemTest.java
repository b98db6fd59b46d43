package io.sparkgate.policy.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A null item in a rule's lists loads (as "", like Go), instead of a NullPointerException. Found by fuzzing. */
class NullListItemTest {
  @Test
  void aNullApiGroupOrResourceDoesNotCrashTheLoader() {
    String policy = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: p}
        spec:
          matchConstraints:
            resourceRules:
            - {apiGroups: [~], apiVersions: [v1, ~], operations: [CREATE], resources: [pods, ~]}
          validations:
          - expression: "true"
        """;
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard())
        .compile(Map.of(Path.of("p.yaml"), policy), new ArrayList<>());
    assertThat(result.policySet().policyCount()).isEqualTo(1);
  }
}
