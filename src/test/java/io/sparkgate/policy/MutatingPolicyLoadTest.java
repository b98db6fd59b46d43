package io.sparkgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MutatingAdmissionPolicy documents load in every served version; mistakes are reported where they are. */
class MutatingPolicyLoadTest {
  private final PolicySetLoader loader = new PolicySetLoader(CelEnvironment.standard());

  private PolicySetLoader.Result load(String yaml) {
    return loader.compile(Map.of(Path.of("p.yaml"), yaml), new ArrayList<>());
  }

  private static String policy(String version, String operations, String mutation) {
    return """
        apiVersion: admissionregistration.k8s.io/%s
        kind: MutatingAdmissionPolicy
        metadata: {name: m}
        spec:
          reinvocationPolicy: Never
          matchConstraints:
            resourceRules:
            - {apiGroups: [""], apiVersions: [v1], operations: %s, resources: [pods]}
          mutations:
        %s
        ---
        apiVersion: admissionregistration.k8s.io/%s
        kind: MutatingAdmissionPolicyBinding
        metadata: {name: m}
        spec: {policyName: m}
        """.formatted(version, operations, mutation, version);
  }

  private static final String LABEL = """
          - patchType: ApplyConfiguration
            applyConfiguration:
              expression: 'Object{metadata: Object.metadata{labels: {"a": "b"}}}'
        """;

  @Test
  void everyServedVersionLoadsWithoutIssues() {
    for (String version : List.of("v1", "v1beta1", "v1alpha1")) {
      PolicySetLoader.Result result = load(policy(version, "[CREATE, UPDATE]", LABEL));
      assertThat(result.issues()).as(version).isEmpty();
      assertThat(result.policySet().mutatingBindings()).as(version).hasSize(1);
      assertThat(result.policySet().policyCount()).isEqualTo(1);
    }
  }

  @Test
  void operationsAMutationCannotActOnAreRejectedAtTheirPosition() {
    PolicySetLoader.Result result = load(policy("v1", "[CREATE, DELETE]", LABEL));
    assertThat(result.errors()).extracting(LoadIssue::toString).containsExactly(
        "p.yaml:8:65: spec.matchConstraints.resourceRules[0].operations[1]: Unsupported value: \"DELETE\": "
            + "supported values: \"CREATE\", \"UPDATE\", \"CONNECT\", \"*\"");
  }

  @Test
  void settingAnAtomicFieldVisibleInTheExpressionIsALoadError() {
    String tolerations = """
          - patchType: ApplyConfiguration
            applyConfiguration:
              expression: 'Object{spec: Object.spec{tolerations: [Object.spec.tolerations{key: "spark"}]}}'
        """;
    assertThat(load(policy("v1", "[CREATE]", tolerations)).errors()).extracting(LoadIssue::toString).containsExactly(
        "p.yaml:12:19: ApplyConfiguration may not set .spec.tolerations of a Pod: "
            + "may not mutate atomic arrays, maps or structs (use a JSONPatch mutation)");
    String sparkList = policy("v1", "[CREATE]", """
          - patchType: ApplyConfiguration
            applyConfiguration:
              expression: 'Object{spec: Object.spec{driver: Object.spec.driver{volumeMounts: [{"name": "v"}]}}}'
        """).replace("apiGroups: [\"\"]", "apiGroups: [sparkoperator.k8s.io]").replace("resources: [pods]", "resources: [sparkapplications]");
    assertThat(load(sparkList).errors()).extracting(LoadIssue::message).containsExactly(
        "ApplyConfiguration may not set .spec.driver.volumeMounts of a kind without a known schema: "
            + "may not mutate atomic arrays, maps or structs (use a JSONPatch mutation)");
    assertThat(load(policy("v1", "[CREATE]", LABEL)).errors()).isEmpty();
  }

  private static String deploymentPolicy(String expression) {
    return policy("v1", "[CREATE]", """
          - patchType: ApplyConfiguration
            applyConfiguration:
              expression: '%s'
        """.formatted(expression))
        .replace("apiGroups: [\"\"]", "apiGroups: [apps]").replace("resources: [pods]", "resources: [deployments, statefulsets]");
  }

  @Test
  void anAtomicStructOrAnUndeclaredFieldOfABuiltInKindIsALoadError() {
    assertThat(load(deploymentPolicy("Object{spec: Object.spec{selector: Object.spec.selector{matchLabels: {\"a\": \"b\"}}}}"))
        .errors()).extracting(LoadIssue::message).containsExactly(
        "ApplyConfiguration may not set .spec.selector of a Deployment: "
            + "may not mutate atomic arrays, maps or structs (use a JSONPatch mutation)");
    assertThat(load(deploymentPolicy("Object{spec: Object.spec{replica: 2}}")).errors())
        .extracting(LoadIssue::message).containsExactly(
        "ApplyConfiguration sets .spec.replica, a field not declared in the schema of a Deployment or a StatefulSet");
    // serviceName is a StatefulSet field: the policy may guard on the kind, so only run time can tell.
    assertThat(load(deploymentPolicy("Object{spec: Object.spec{serviceName: \"connect\"}}")).errors()).isEmpty();
    assertThat(load(deploymentPolicy("Object{spec: Object.spec{template: Object.spec.template{spec: "
        + "Object.spec.template.spec{containers: [Object.spec.template.spec.containers{name: \"c\", "
        + "env: [Object.spec.template.spec.containers.env{name: \"A\", value: \"1\"}]}]}}}}")).errors()).isEmpty();
  }

  @Test
  void expressionsOfTheWrongTypeAndMissingFieldsAreErrors() {
    String mutations = """
          - patchType: ApplyConfiguration
            applyConfiguration:
              expression: '"a teapot"'
          - patchType: JSONPatch
            jsonPatch:
              expression: 'JSONPatch{op: 1}'
          - patchType: StrategicMerge
        """;
    PolicySetLoader.Result result = load(policy("v1beta1", "[CREATE]", mutations).replace("  reinvocationPolicy: Never\n", ""));
    assertThat(result.errors()).extracting(LoadIssue::toString).containsExactly(
        "p.yaml:5:3: reinvocationPolicy is required and must be Never or IfNeeded",
        "p.yaml:11:19: must evaluate to Object, but evaluates to string",
        "p.yaml:14:32: expected type of field 'op' is 'string' but provided type is 'int'",
        "p.yaml:15:16: patchType must be ApplyConfiguration or JSONPatch, got \"StrategicMerge\"");
  }
}
