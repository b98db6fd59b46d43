package io.sparkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** lint reports each problem at its position in the YAML file, whatever the scalar style. */
class LintCommandTest {
  static final String POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata:
        name: typo
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
        validations:
        - expression: object.spec.containers.all(c, c.name.startsWith('x') &&)
        - expression: "object.spec.containers.size() > = 1"
        - expression: |
            object.spec.containers.all(c,
              c.image.endsWith(':latest') ==)
        - expression: objekt.spec.x == 1
          reason: Nope
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: typo}
      spec:
        policyName: typo
        validationActions: [Deny, Warn]
      """;

  record Run(int exit, String out) {}

  static Run lint(Path dir, String... options) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(new StringWriter()));
    List<String> args = new ArrayList<>(List.of("lint", "--policies", dir.toString()));
    args.addAll(List.of(options));
    int exit = commandLine.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString());
  }

  @Test
  void fieldsAreCheckedAgainstTheSchemaOfTheMatchedKind(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("apps.yaml");
    Files.writeString(file, """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: executors}
        spec:
          matchConstraints:
            resourceRules:
            - {apiGroups: [sparkoperator.k8s.io], apiVersions: ["*"], operations: [CREATE], resources: [sparkapplications]}
          validations:
          - expression: >-
              object.spec.executor.instance <= 10
        """);
    Run run = lint(dir);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out().lines()).containsExactly(
        file + ":10:28: SparkApplication (sparkoperator.k8s.io/v1beta2) has no field spec.executor.instance");
  }

  @Test
  void portableListsTheSparkgateFunctionsAndAnnotationsOfThePack() {
    Run run = lint(Path.of("policies"), "--portable");
    assertThat(run.exit()).isZero();
    assertThat(run.out().lines()).contains(
        "policies/spark-resource-limits.yaml:24:17: spark.app is a Sparkgate function:"
            + " in-tree Kubernetes would not accept this expression",
        "policies/spark-data-residency.yaml:29:7: spark.storageUris is a Sparkgate function:"
            + " in-tree Kubernetes would not accept this expression",
        "policies/spark-pod-resources.yaml:55:52: spark.memoryBytes is a Sparkgate function:"
            + " in-tree Kubernetes would not accept this expression",
        "policies/spark-pod-resources.yaml:69:9: spark.millicores is a Sparkgate function:"
            + " in-tree Kubernetes would not accept this expression",
        "policies/spark-tenant-required.yaml:31:44: sparkgate.io/params-not-found-message is a Sparkgate"
            + " annotation: in-tree Kubernetes ignores it and denies with its own parameter-not-found message");
    assertThat(run.out().lines()).allMatch(line -> line.contains("is a Sparkgate"));
    assertThat(run.out().lines().filter(line -> !line.startsWith("policies/spark-cost.yaml"))).hasSize(63);
    assertThat(run.out().lines()).contains(
        "policies/spark-cost.yaml:70:19: spark.cost is a Sparkgate function:"
            + " in-tree Kubernetes would not accept this expression");
    assertThat(lint(Path.of("policies"), "--portable=strict").exit()).isEqualTo(1);
    assertThat(lint(Path.of("policies")).out()).isEmpty();
  }

  @Test
  void reportsEveryProblemAtItsFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, POLICY);
    Run run = lint(dir);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out().lines()).containsExactly(
        file + ":10:72: mismatched input ')' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}",
        file + ":11:50: token recognition error at: '= '",
        file + ":14:39: mismatched input ')' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}",
        file + ":15:17: undeclared reference to 'objekt' (in container '')",
        file + ":16:13: reason must be one of Unauthorized, Forbidden, Invalid, RequestEntityTooLarge, got \"Nope\"",
        file + ":23:22: validationActions cannot contain both Deny and Warn");
  }

  @Test
  void aCleanDirectoryPassesAndTheShippedPackIsClean(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ok.yaml"), POLICY.substring(0, POLICY.indexOf("  - expression: object.spec.containers.all"))
        + "  - expression: object.spec.containers.size() >= 1\n");
    assertThat(lint(dir)).isEqualTo(new Run(0, ""));
    assertThat(lint(Path.of("policies")).exit()).isZero();
  }

  @Test
  void unreadableYamlIsReportedWithItsPosition(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "kind: ValidatingAdmissionPolicy\nspec:\n  validations: [\n    {expression: 'a'\n");
    Run run = lint(dir);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).startsWith(file + ":5:1: invalid YAML:");
  }

  @Test
  void aFoldedBlockKeepsTheLineBreaksOfMoreIndentedLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("folded.yaml");
    Files.writeString(file, """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: folded}
        spec:
          matchConstraints:
            resourceRules:
            - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
          validations:
          - expression: >-
              object.spec.containers.all(c,
                c.name != '' &&
                objekt.spec.x == 1)
        """);
    Run run = lint(dir);
    assertThat(run.out().lines()).containsExactly(file + ":12:9: undeclared reference to 'objekt' (in container '')");
  }
}
