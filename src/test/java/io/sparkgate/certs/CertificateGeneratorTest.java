package io.sparkgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateGeneratorTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  private final CertificateGenerator generator =
      new CertificateGenerator(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void caIsASelfSignedCertificateAuthority() throws Exception {
    X509Certificate ca = generator.generate("webhook", "spark-ops", 30).caCertificate();

    ca.verify(ca.getPublicKey());
    assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    assertThat(ca.getBasicConstraints()).as("CA:true with a path length").isGreaterThanOrEqualTo(0);
    boolean[] keyUsage = ca.getKeyUsage();
    assertThat(keyUsage[5]).as("keyCertSign").isTrue();
    assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(ca.getSubjectX500Principal().getName()).matches("CN=Sparkgate development CA [0-9a-f]{8},O=Sparkgate");
  }

  @Test
  void eachCaHasItsOwnName() {
    assertThat(generator.generate("webhook", "ns", 1).caCertificate().getSubjectX500Principal())
        .isNotEqualTo(generator.generate("webhook", "ns", 1).caCertificate().getSubjectX500Principal());
  }

  @Test
  void servingCertificateIsSignedByTheCaForServerAuth() throws Exception {
    GeneratedCertificates generated = generator.generate("webhook", "spark-ops", 30);
    X509Certificate ca = generated.caCertificate();
    X509Certificate leaf = generated.servingCertificate();

    leaf.verify(ca.getPublicKey());
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(leaf.getKeyUsage()[5]).as("keyCertSign").isFalse();
    assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=webhook.spark-ops.svc");
  }

  @Test
  void servingCertificateCarriesEveryServiceNameAndLoopbackAddress() throws Exception {
    X509Certificate leaf = generator.generate("webhook", "spark-ops", 30).servingCertificate();

    CertificateInfo info = CertificateInfo.of(leaf);
    assertThat(info.dnsNames()).containsExactly(
        "webhook", "webhook.spark-ops", "webhook.spark-ops.svc",
        "webhook.spark-ops.svc.cluster.local", "localhost");
    assertThat(info.ipAddresses()).containsExactly(
        InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
  }

  @Test
  void validityRunsFromJustBeforeNowForTheRequestedDays() {
    GeneratedCertificates generated = generator.generate("sparkgate", "sparkgate", 90);

    for (X509Certificate certificate : List.of(generated.caCertificate(), generated.servingCertificate())) {
      assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
      assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
    }
  }

  @Test
  void serialsAreRandomPositiveAndFitTwentyOctets() {
    GeneratedCertificates first = generator.generate("sparkgate", "sparkgate", 1);
    GeneratedCertificates second = generator.generate("sparkgate", "sparkgate", 1);

    List<BigInteger> serials = List.of(
        first.caCertificate().getSerialNumber(), first.servingCertificate().getSerialNumber(),
        second.caCertificate().getSerialNumber(), second.servingCertificate().getSerialNumber());
    assertThat(serials).doesNotHaveDuplicates();
    assertThat(serials).allSatisfy(serial -> {
      assertThat(serial.signum()).isPositive();
      assertThat(serial.toByteArray()).hasSizeLessThanOrEqualTo(20);
    });
  }

  @Test
  void keysBelongToTheirCertificates() {
    GeneratedCertificates generated = generator.generate("sparkgate", "sparkgate", 1);

    assertThat(PrivateKeys.keyMatchesCertificate(generated.servingKey(), generated.servingCertificate()))
        .isTrue();
    assertThat(PrivateKeys.keyMatchesCertificate(generated.caKey(), generated.caCertificate())).isTrue();
    assertThat(PrivateKeys.keyMatchesCertificate(generated.caKey(), generated.servingCertificate()))
        .isFalse();
  }

  @Test
  void namesTooLongForACommonNameAreStillInTheSans() {
    String service = "s".repeat(63);
    String namespace = "n".repeat(63);

    X509Certificate leaf = generator.generate(service, namespace, 1).servingCertificate();

    assertThat(leaf.getSubjectX500Principal().getName()).doesNotContain("CN=");
    assertThat(CertificateInfo.of(leaf).dnsNames()).contains(service + "." + namespace + ".svc");
  }

  @Test
  void rejectsNamesThatAreNotDnsLabelsAndImpossibleValidity() {
    assertThatThrownBy(() -> generator.generate("Web_Hook", "ns", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service name 'Web_Hook' is not a DNS label");
    assertThatThrownBy(() -> generator.generate("webhook", "a.b", 1))
        .hasMessageContaining("namespace name 'a.b'");
    assertThatThrownBy(() -> generator.generate("webhook", "ns", 0))
        .hasMessageContaining("validity must be between 1 and 3650 days, got 0");
    assertThatThrownBy(() -> generator.generate("webhook", "ns", 3651))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringDoesNotLeakPrivateKeys() {
    GeneratedCertificates generated = generator.generate("sparkgate", "sparkgate", 1);

    assertThat(generated.toString()).doesNotContain("PRIVATE").doesNotContain(generated.servingKeyPem());
  }
}
