package io.sparkgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from a directory laid out as Kubernetes mounts a ConfigMap, and reloading from it. */
class PolicyDirectoryTest {
  static String policy(String name, int limit) {
    return """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: %s}
        spec:
          matchConstraints:
            resourceRules:
            - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
          validations:
          - expression: object.spec.replicas <= %d
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: %s}
        spec: {policyName: %s, validationActions: [Deny]}
        """.formatted(name, limit, name, name);
  }

  /** ..2026_a/policy.yaml, ..data -> ..2026_a, policy.yaml -> ..data/policy.yaml */
  static void mountConfigMap(Path root, String version, String content) throws Exception {
    Path versioned = Files.createDirectories(root.resolve(".." + version));
    Files.writeString(versioned.resolve("policy.yaml"), content);
    Path tmpLink = root.resolve("..data_tmp");
    Files.deleteIfExists(tmpLink);
    Files.createSymbolicLink(tmpLink, Path.of(".." + version));
    Files.move(tmpLink, root.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (!Files.exists(root.resolve("policy.yaml"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(root.resolve("policy.yaml"), Path.of("..data/policy.yaml"));
    }
  }

  @Test
  void aConfigMapMountIsReadOnceThroughItsDataLink(@TempDir Path root) throws Exception {
    mountConfigMap(root, "2026_11_23_a", policy("limit", 5));
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard()).load(root);
    assertThat(result.issues()).isEmpty();
    assertThat(result.policySet().policyCount()).isEqualTo(1);
    assertThat(result.policySet().validatingBindings()).hasSize(1);
  }

  @Test
  void aSymlinkSwapIsReloadedAndABrokenVersionIsRejected(@TempDir Path root) throws Exception {
    mountConfigMap(root, "2026_11_23_a", policy("limit", 5));
    PolicySetHolder holder = new PolicySetHolder();
    PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(root,
        new PolicySetLoader(CelEnvironment.standard()), holder, outcome -> {});
    assertThat(watcher.loadInitial().hasErrors()).isFalse();
    String first = holder.current().hash();
    assertThat(watcher.check()).isEqualTo(PolicyDirectoryWatcher.Outcome.UNCHANGED);

    mountConfigMap(root, "2026_11_23_b", policy("limit", 10));
    assertThat(watcher.check()).isEqualTo(PolicyDirectoryWatcher.Outcome.RELOADED);
    String second = holder.current().hash();
    assertThat(second).isNotEqualTo(first);

    mountConfigMap(root, "2026_11_23_c", policy("limit", 10).replace("<= 10", "<= ("));
    assertThat(watcher.check()).isEqualTo(PolicyDirectoryWatcher.Outcome.FAILED);
    assertThat(holder.current().hash()).isEqualTo(second);
    watcher.close();
  }

  @Test
  void aStructuralMistakeIsReportedAtItsField(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve("p.yaml"), policy("limit", 5).replace("validationActions: [Deny]", "validationActions: Deny"));
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard()).load(root);
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).toString()).isEqualTo(root.resolve("p.yaml")
        + ":14:46: ValidatingAdmissionPolicyBinding field /spec/validationActions has the wrong type: expected a list");
  }

  @Test
  void anEmptyResourceRuleIsALoadErrorNotACrash(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve("p.yaml"), policy("limit", 5).replace(
        "    - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}",
        "    - ~"));
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard()).load(root);
    assertThat(result.errors()).isNotEmpty();
    assertThat(result.errors().get(0).toString()).contains("a resource rule is empty (null)");
  }
}
