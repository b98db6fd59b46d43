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

/** eval, test, lint and scan take the trusted image scan keys as serve does: --image-scan-keys FILE|DIR. */
class ImageScanKeysOptionTest {
  static final Path FIXTURES = Path.of("test-fixtures/images");
  static final String POD = """
      apiVersion: v1
      kind: Pod
      metadata: {name: exec-1, labels: {spark-role: executor}}
      spec:
        containers:
        - name: spark-kubernetes-executor
          image: registry.example.com/spark/spark@sha256:a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41
      """;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** The image scan policy, its tenants and one clean record; no keys ConfigMap. */
  static Path policies(Path dir) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.copy(Path.of("policies/spark-image-scan.yaml"), policies.resolve("spark-image-scan.yaml"));
    for (String name : List.of("tenants.yaml", "scan-clean.yaml")) {
      Files.copy(FIXTURES.resolve(name), policies.resolve(name));
    }
    return policies;
  }

  @Test
  void evalAdmitsOnARecordSignedByAKeyGivenOnTheCommandLine(@TempDir Path dir) throws Exception {
    Path policies = policies(dir);
    Path pod = Files.writeString(dir.resolve("pod.yaml"), POD);
    Run untrusted = run("eval", "--policies", policies.toString(), "--namespace", "team-scan", pod.toString());
    assertThat(untrusted.exit()).isEqualTo(1);
    assertThat(untrusted.out()).contains("has a bad signature: the record is signed by key 8f1ffb3fb6346fd0, which is not trusted");

    Run trusted = run("eval", "--policies", policies.toString(), "--namespace", "team-scan",
        "--image-scan-keys", FIXTURES.resolve("ci-test.pub").toString(), pod.toString());
    assertThat(trusted.exit()).as(trusted.out() + trusted.err()).isZero();
  }

  @Test
  void lintAndScanTakeTheSameKeysAndABadKeyFileIsAnErrorAtItsLine(@TempDir Path dir) throws Exception {
    Path policies = policies(dir);
    String keys = FIXTURES.resolve("ci-test.pub").toString();
    Run untrusted = run("lint", "--policies", policies.toString());
    assertThat(untrusted.out()).contains("warning: ImageScan sha256-a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41");
    Run trusted = run("lint", "--policies", policies.toString(), "--image-scan-keys", keys);
    assertThat(trusted.out()).doesNotContain("ImageScan");
    assertThat(trusted.exit()).isZero();

    Path pod = Files.writeString(dir.resolve("pod.yaml"), POD.replace("name: exec-1,", "name: exec-1, namespace: team-scan,"));
    assertThat(run("scan", "--policies", policies.toString(), pod.toString()).exit()).isEqualTo(1);
    assertThat(run("scan", "--policies", policies.toString(), "--image-scan-keys", keys, pod.toString()).exit()).isZero();

    Path bad = Files.writeString(dir.resolve("bad.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFake ci@example\n");
    Run refused = run("lint", "--policies", policies.toString(), "--image-scan-keys", bad.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out() + refused.err()).contains(bad + ":1:1: an OpenSSH public key; give it as PEM");
  }

  @Test
  void testRunsSuitesWithTheKeys(@TempDir Path dir) throws Exception {
    Path policies = policies(dir);
    Path suite = Files.writeString(dir.resolve("suite.yaml"), """
        suite: keys from the command line
        policies: [policies]
        defaults: {phase: validate, namespace: team-scan}
        cases:
        - name: a pinned image with a clean record signed by the given key is allowed
          object:
        %s
          expect: {allowed: true}
        """.formatted(POD.indent(4)));
    List<String> args = new ArrayList<>(List.of("test", suite.toString()));
    assertThat(run(args.toArray(String[]::new)).out()).contains("0 passed, 1 failed");
    args.addAll(1, List.of("--image-scan-keys", FIXTURES.resolve("ci-test.pub").toString()));
    assertThat(run(args.toArray(String[]::new)).out()).contains("1 passed, 0 failed");
    assertThat(policies).exists();
  }
}
