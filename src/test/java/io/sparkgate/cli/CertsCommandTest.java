package io.sparkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.certs.CertificateInfo;
import io.sparkgate.certs.TlsMaterial;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertsCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new CertsCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void initWritesTheFilesAndPrintsTheCaBundle() throws Exception {
    Path dir = tmp.resolve("certs");

    int exit = run("init", "--out", dir.toString(), "--service", "webhook", "--namespace", "spark-ops",
        "--days", "30");

    assertThat(exit).isZero();
    String stdout = out.toString();
    assertThat(stdout).endsWith("\n").matches("[A-Za-z0-9+/=]+\n");
    assertThat(Base64.getDecoder().decode(stdout.strip())).isEqualTo(Files.readAllBytes(dir.resolve("ca.crt")));
    assertThat(err.toString()).contains(dir.toAbsolutePath().toString()).contains("webhook.spark-ops.svc");

    TlsMaterial material = TlsMaterial.load(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    CertificateInfo leaf = material.leafInfo();
    assertThat(leaf.dnsNames()).contains("webhook.spark-ops.svc");
    assertThat(leaf.notAfter()).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
        Instant.now().plus(Duration.ofDays(30)));
    X509Certificate ca = io.sparkgate.certs.Certificates.parseLeaf(Files.readString(dir.resolve("ca.crt")));
    material.leaf().verify(ca.getPublicKey());
  }

  @Test
  void defaultsAreSparkgateInSparkgateForAYear() throws Exception {
    Path dir = tmp.resolve("defaults");

    int exit = run("init", "--out", dir.toString());

    assertThat(exit).isZero();
    CertificateInfo leaf = CertificateInfo.ofLeaf(Files.readString(dir.resolve("tls.crt")));
    assertThat(leaf.dnsNames()).contains("sparkgate.sparkgate.svc");
    assertThat(Duration.between(leaf.notBefore(), leaf.notAfter()))
        .isEqualTo(Duration.ofDays(365).plusMinutes(5));
  }

  @Test
  void initReplacesExistingMaterial() throws Exception {
    run("init", "--out", tmp.toString());
    String first = Files.readString(tmp.resolve("tls.crt"));

    int exit = run("init", "--out", tmp.toString());

    assertThat(exit).isZero();
    assertThat(Files.readString(tmp.resolve("tls.crt"))).isNotEqualTo(first);
  }

  @Test
  void badUsageExitsTwoWithoutWritingAnything() {
    assertThat(run("init", "--out", tmp.toString(), "--days", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("validity must be between 1 and 3650 days");
    assertThat(run("init", "--out", tmp.toString(), "--days", "many")).isEqualTo(2);
    assertThat(run("init", "--out", tmp.toString(), "--service", "Not_A_Label")).isEqualTo(2);
    assertThat(err.toString()).contains("service name 'Not_A_Label' is not a DNS label");
    assertThat(run("init", "--colour", "blue")).isEqualTo(2);
    assertThat(run()).as("certs needs a subcommand").isEqualTo(2);
    assertThat(tmp.resolve("tls.crt")).doesNotExist();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void unwritableOutputExitsOneWithAClearMessage() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");

    int exit = run("init", "--out", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("sparkgate certs init: cannot write certificates to " + file.toAbsolutePath())
        .contains("exists and is not a directory");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void worksAsASubcommandOfAnotherCommand() throws Exception {
    @CommandLine.Command(name = "sparkgate")
    class Root {}
    CommandLine root = new CommandLine(new Root()).addSubcommand(new CertsCommand());
    root.setOut(new PrintWriter(out));
    root.setErr(new PrintWriter(err));

    int exit = root.execute("certs", "init", "--out", tmp.toString());

    assertThat(exit).isZero();
    assertThat(Base64.getDecoder().decode(out.toString().strip()))
        .isEqualTo(Files.readAllBytes(tmp.resolve("ca.crt")));
  }
}
