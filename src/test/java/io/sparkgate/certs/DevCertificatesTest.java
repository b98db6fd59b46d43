package io.sparkgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCertificatesTest {
  @TempDir Path tmp;

  @Test
  void generatesEverythingInAMissingDirectoryAndReturnsTheCaPath() throws Exception {
    Path dir = tmp.resolve("certs");

    Optional<Path> ca = DevCertificates.ensureServingCertificate(dir, "sparkgate", "spark-ops");

    assertThat(ca).contains(dir.resolve("ca.crt"));
    TlsMaterial material = new CertificateDirectory(dir).loadServingMaterial();
    assertThat(material.leafInfo().dnsNames()).contains("sparkgate.spark-ops.svc");
    material.leaf().verify(CertificateDirectoryTest.readCertificate(dir.resolve("ca.crt")).getPublicKey());
    assertThat(dir.resolve("ca.key")).exists();
  }

  @Test
  void leavesAnExistingPairAlone() throws Exception {
    DevCertificates.ensureServingCertificate(tmp, "sparkgate", "sparkgate");
    byte[] certificate = Files.readAllBytes(tmp.resolve("tls.crt"));
    byte[] key = Files.readAllBytes(tmp.resolve("tls.key"));

    Optional<Path> second = DevCertificates.ensureServingCertificate(tmp, "other", "names");

    assertThat(second).isEmpty();
    assertThat(Files.readAllBytes(tmp.resolve("tls.crt"))).isEqualTo(certificate);
    assertThat(Files.readAllBytes(tmp.resolve("tls.key"))).isEqualTo(key);
  }

  @Test
  void refusesToOverwriteALoneKeyOrCertificate() throws Exception {
    Files.writeString(tmp.resolve("tls.key"), "someone's key");

    assertThatThrownBy(() -> DevCertificates.ensureServingCertificate(tmp, "sparkgate", "sparkgate"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tls.key exists but")
        .hasMessageContaining("tls.crt does not");
    assertThat(Files.readString(tmp.resolve("tls.key"))).isEqualTo("someone's key");
    assertThat(tmp.resolve("tls.crt")).doesNotExist();
  }
}
