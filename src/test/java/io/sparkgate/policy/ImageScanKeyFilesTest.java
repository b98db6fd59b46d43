package io.sparkgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trusted image scan keys given as a server setting (--image-scan-keys FILE|DIR), read with the policies. */
class ImageScanKeyFilesTest {
  static final Path FIXTURES = Path.of("test-fixtures/images");
  static PolicySetLoader plain;

  @BeforeAll
  static void environment() {
    plain = new PolicySetLoader(CelEnvironment.standard());
  }

  static Path policies(Path dir) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.copy(FIXTURES.resolve("scan-clean.yaml"), policies.resolve("scan-clean.yaml"));
    return policies;
  }

  static PolicySetLoader trusting(Path... keys) {
    return new PolicySetLoader(CelEnvironment.standard()).withImageScanKeys(List.of(keys));
  }

  @Test
  void aRecordVerifiesWithAKeyFileAndNoConfigMap(@TempDir Path dir) throws Exception {
    Path policies = policies(dir);
    PolicySetLoader.Result untrusted = plain.load(policies);
    assertThat(untrusted.policySet().imageScans().rejectedCount()).isEqualTo(1);
    assertThat(untrusted.issues().toString()).contains("give them with --image-scan-keys");

    PolicySetLoader.Result trusted = trusting(FIXTURES.resolve("ci-test.pub")).load(policies);
    assertThat(trusted.issues()).isEmpty();
    assertThat(trusted.policySet().imageScans().verifiedCount()).isEqualTo(1);
    assertThat(trusted.policySet().imageScans().rejectedCount()).isZero();
    assertThat(trusted.policySet().hash()).as("the keys are part of the set's identity")
        .isNotEqualTo(untrusted.policySet().hash());
  }

  @Test
  void aMountedConfigMapDirectoryIsReadOnceAndAFileMayHoldSeveralKeys(@TempDir Path dir) throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Path version = Files.createDirectories(keys.resolve("..2026_12_03_a"));
    Files.writeString(version.resolve("all.pub"),
        Files.readString(FIXTURES.resolve("other-test.pub")) + "\n" + Files.readString(FIXTURES.resolve("ci-test.pub")));
    Files.createSymbolicLink(keys.resolve("..data"), version.getFileName());
    Files.createSymbolicLink(keys.resolve("all.pub"), Path.of("..data/all.pub"));

    PolicySetLoader.Result result = trusting(keys).load(policies(dir));
    assertThat(result.issues()).isEmpty();
    assertThat(result.policySet().imageScans().keys().size()).isEqualTo(2);
    assertThat(result.policySet().imageScans().verifiedCount()).isEqualTo(1);
  }

  @Test
  void anEmptyDirectoryTrustsNothingWithoutAnError(@TempDir Path dir) throws Exception {
    PolicySetLoader.Result result = trusting(Files.createDirectories(dir.resolve("keys"))).load(policies(dir));
    assertThat(result.hasErrors()).isFalse();
    assertThat(result.policySet().imageScans().rejectedCount()).isEqualTo(1);
  }

  @Test
  void whatIsNotAnEd25519PublicKeyIsAnErrorAtItsLine(@TempDir Path dir) throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.writeString(keys.resolve("ssh.pub"), "# CI key\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTheTest ci@example\n");
    Files.writeString(keys.resolve("private.pem"), Files.readString(FIXTURES.resolve("ci-test.key")));
    Files.writeString(keys.resolve("notes.txt"), "keys are in the vault\n");
    Files.writeString(keys.resolve("broken.pub"), "\n\n-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----\n");
    Files.writeString(keys.resolve(".hidden"), "ignored");

    PolicySetLoader.Result result = trusting(keys).load(policies(dir));
    List<String> errors = result.errors().stream().map(LoadIssue::toString).toList();
    assertThat(errors).containsExactlyInAnyOrder(
        keys.resolve("broken.pub") + ":3:1: not an Ed25519 public key in PEM: " + errorOf(result, "broken.pub"),
        keys.resolve("notes.txt") + ":1:1: no PEM PUBLIC KEY block: an image scan key file holds Ed25519 public keys"
            + " (openssl pkey -in KEY -pubout)",
        keys.resolve("private.pem") + ":1:1: a private key: give the public key only (openssl pkey -in KEY -pubout)",
        keys.resolve("ssh.pub") + ":2:1: an OpenSSH public key; give it as PEM (ssh-keygen -e -m PKCS8 -f KEY.pub)");
  }

  private static String errorOf(PolicySetLoader.Result result, String file) {
    return result.errors().stream().filter(e -> e.position().file().endsWith(file)).findFirst().orElseThrow()
        .message().replace("not an Ed25519 public key in PEM: ", "");
  }

  @Test
  void aMissingKeyPathIsAnError(@TempDir Path dir) throws Exception {
    PolicySetLoader.Result result = trusting(dir.resolve("absent")).load(policies(dir));
    assertThat(result.errors()).singleElement().hasToString(
        dir.resolve("absent") + ":1:1: image scan keys " + dir.resolve("absent") + " is neither a file nor a directory");
  }

  @Test
  void theServerReloadsWhenTheKeysChangeAndKeepsTheLastGoodSetOnABadKey(@TempDir Path dir) throws Exception {
    Path policies = policies(dir);
    Path keys = Files.createDirectories(dir.resolve("keys"));
    PolicySetHolder holder = new PolicySetHolder();
    try (PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(policies, trusting(keys), holder, outcome -> {})) {
      assertThat(watcher.loadInitial().hasErrors()).isFalse();
      assertThat(holder.current().imageScans().verifiedCount()).isZero();

      Files.copy(FIXTURES.resolve("ci-test.pub"), keys.resolve("ci.pub"));
      assertThat(watcher.check()).isEqualTo(PolicyDirectoryWatcher.Outcome.RELOADED);
      assertThat(holder.current().imageScans().verifiedCount()).isEqualTo(1);

      Path tmp = keys.resolve("ci.tmp");
      Files.writeString(tmp, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
      Files.move(tmp, keys.resolve("ci.pub"), StandardCopyOption.REPLACE_EXISTING);
      assertThat(watcher.check()).isEqualTo(PolicyDirectoryWatcher.Outcome.FAILED);
      assertThat(holder.current().imageScans().verifiedCount()).as("the last good set stays").isEqualTo(1);
    }
  }
}
