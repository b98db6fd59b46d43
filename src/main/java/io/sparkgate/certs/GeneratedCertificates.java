package io.sparkgate.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A freshly made CA and the serving certificate it signed, with both private keys. */
public record GeneratedCertificates(
    X509Certificate caCertificate, PrivateKey caKey,
    X509Certificate servingCertificate, PrivateKey servingKey) {

  public String caCertificatePem() {
    return Certificates.toPem(caCertificate);
  }

  public String servingCertificatePem() {
    return Certificates.toPem(servingCertificate);
  }

  public String caKeyPem() {
    return Pem.encode(PrivateKeys.PKCS8, caKey.getEncoded());
  }

  public String servingKeyPem() {
    return Pem.encode(PrivateKeys.PKCS8, servingKey.getEncoded());
  }

  @Override
  public String toString() {
    // Keep private keys out of logs and assertion messages.
    return "GeneratedCertificates[ca=" + caCertificate.getSubjectX500Principal()
        + ", serving=" + servingCertificate.getSubjectX500Principal() + "]";
  }
}
