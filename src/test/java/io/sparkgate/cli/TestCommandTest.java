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

/** {@code test}: suites run side by side, and their lines come out in the order of the files. */
class TestCommandTest {
  private static final String POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: replicas}
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
        validations:
        - expression: object.spec.replicas <= %d
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: replicas}
      spec: {policyName: replicas, validationActions: [Deny]}
      """;

  @TempDir Path dir;

  @Test
  void everySuitesLinesComeInFileOrderWithTheTotals() throws Exception {
    List<String> expected = new ArrayList<>();
    for (int suite = 0; suite < 12; suite++) {
      // suite 5 expects an answer its policy does not give
      boolean failing = suite == 5;
      Path folder = Files.createDirectories(dir.resolve("suite-%02d".formatted(suite)));
      Files.writeString(folder.resolve("policy.yaml"), POLICY.formatted(suite));
      StringBuilder cases = new StringBuilder();
      for (int replicas = suite; replicas <= suite + 1; replicas++) {
        boolean allowed = replicas <= suite;
        cases.append("""
            - name: %d replicas
              object: {apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: %d}}
              expect: {allowed: %s}
            """.formatted(replicas, replicas, failing ? !allowed : allowed));
        expected.add((failing ? "FAIL " : "PASS ") + "suite " + suite + " > " + replicas + " replicas");
      }
      Files.writeString(folder.resolve("suite.yaml"), """
          suite: suite %d
          policies: [policy.yaml]
          defaults: {phase: validate, namespace: default}
          cases:
          """.formatted(suite) + cases);
    }

    StringWriter out = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(new StringWriter()));
    int exit = command.execute("test", dir.toString());

    List<String> lines = out.toString().lines().toList();
    assertThat(exit).isEqualTo(1);
    assertThat(lines.subList(0, lines.size() - 1)).hasSize(24)
        .map(line -> line.startsWith("FAIL") ? line.substring(0, line.indexOf(':')) : line)
        .isEqualTo(expected);
    assertThat(lines.get(lines.size() - 1)).isEqualTo("22 passed, 2 failed");
  }
}
