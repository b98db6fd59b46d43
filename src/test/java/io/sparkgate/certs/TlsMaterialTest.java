package io.sparkgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
  @TempDir Path tmp;

  private final CertificateGenerator generator = new CertificateGenerator();

  @Test
  void sec1KeyFromCertManagerIsServedAsPkcs8() throws Exception {
    GeneratedCertificates generated = generator.generate("sparkgate", "sparkgate", 1);
    Files.writeString(tmp.resolve("tls.crt"), generated.servingCertificatePem() + generated.caCertificatePem());
    Files.writeString(tmp.resolve("tls.key"), PrivateKeysTest.sec1AsOpensslAndGoWriteIt(
        new KeyPair(generated.servingCertificate().getPublicKey(), generated.servingKey())));
    assertThat(Files.readString(tmp.resolve("tls.key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");

    TlsMaterial material = TlsMaterial.load(tmp.resolve("tls.crt"), tmp.resolve("tls.key"));

    assertThat(material.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(((ECPrivateKey) PrivateKeys.readPrivateKey(material.keyPem())).getS())
        .isEqualTo(((ECPrivateKey) generated.servingKey()).getS());
    assertThat(material.chain()).containsExactly(generated.servingCertificate(), generated.caCertificate());
    assertThat(material.chainPem()).isEqualTo(generated.servingCertificatePem() + generated.caCertificatePem());
    assertThat(material.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void pairCaughtMidRotationIsRefused() throws Exception {
    GeneratedCertificates old = generator.generate("sparkgate", "sparkgate", 1);
    GeneratedCertificates fresh = generator.generate("sparkgate", "sparkgate", 1);
    Files.writeString(tmp.resolve("tls.crt"), old.servingCertificatePem());
    Files.writeString(tmp.resolve("tls.key"), fresh.servingKeyPem());

    assertThatThrownBy(() -> TlsMaterial.load(tmp.resolve("tls.crt"), tmp.resolve("tls.key")))
        .isInstanceOf(CertificateMaterialException.class)
        .hasMessageContaining("tls.crt / ")
        .hasMessageContaining("the private key does not belong to the certificate");
  }
}
