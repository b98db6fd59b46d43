package io.sparkgate.server;

import io.sparkgate.certs.Certificates;
import io.sparkgate.certs.PrivateKeys;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A client certificate (clientAuth) signed by a test CA, as an API server's kubeconfig holds. */
record ClientCertificates(String certificatePem, String keyPem) {
  static ClientCertificates issue(String caCertificatePem, String caKeyPem, String commonName) throws Exception {
    X509Certificate ca = Certificates.parseLeaf(caCertificatePem);
    PrivateKey caKey = PrivateKeys.readPrivateKey(caKeyPem);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        ca, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(5, ChronoUnit.MINUTES)),
        Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=" + commonName), keys.getPublic());
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
    return new ClientCertificates(pem(certificate), pem(keys.getPrivate()));
  }

  private static String pem(Object object) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object instanceof PrivateKey key
          ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : object);
    }
    return text.toString();
  }
}
