package io.sparkgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificatesTest {
  private static final Instant NOW = Instant.parse("2030-06-15T08:30:00Z");

  private final GeneratedCertificates generated =
      new CertificateGenerator(Clock.fixed(NOW, ZoneOffset.UTC)).generate("webhook", "spark", 10);

  @Test
  void chainIsReadLeafFirstIgnoringTextAndKeysBetweenBlocks() {
    String file = "subject=CN=webhook.spark.svc\n" + generated.servingCertificatePem()
        + "\nissuer=CN=Sparkgate development CA\n" + generated.caCertificatePem()
        + generated.servingKeyPem();

    List<X509Certificate> chain = Certificates.parseChain(file);

    assertThat(chain).containsExactly(generated.servingCertificate(), generated.caCertificate());
  }

  @Test
  void leafInfoGivesExpiryAndNames() {
    String file = generated.servingCertificatePem() + generated.caCertificatePem();

    CertificateInfo info = CertificateInfo.ofLeaf(file);

    assertThat(info.notAfter()).isEqualTo(Instant.parse("2030-06-25T08:30:00Z"));
    assertThat(info.notAfterEpochSeconds()).isEqualTo(Instant.parse("2030-06-25T08:30:00Z").getEpochSecond());
    assertThat(info.dnsNames()).contains("webhook.spark.svc", "localhost");
    assertThat(info.subject()).contains("CN=webhook.spark.svc");
  }

  @Test
  void caWithoutSansHasEmptyNameLists() {
    CertificateInfo info = CertificateInfo.of(generated.caCertificate());

    assertThat(info.dnsNames()).isEmpty();
    assertThat(info.ipAddresses()).isEmpty();
  }

  @Test
  void unreadableChainsSayWhatWasFound() {
    assertThatThrownBy(() -> Certificates.parseChain("hello"))
        .isInstanceOf(CertificateMaterialException.class)
        .hasMessage("no PEM block found; expected one or more CERTIFICATE blocks");
    assertThatThrownBy(() -> Certificates.parseChain(generated.servingKeyPem()))
        .hasMessage("no CERTIFICATE block found (found PRIVATE KEY)");
    assertThatThrownBy(() -> Certificates.parseChain(
            generated.servingCertificatePem() + "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n"))
        .hasMessageStartingWith("certificate 2 in the chain does not parse");
  }
}
