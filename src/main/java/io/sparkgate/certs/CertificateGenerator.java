package io.sparkgate.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a development CA (ECDSA P-256) and a serving certificate it signs. BouncyCastle only builds
 * the ASN.1; keys, signatures and parsing use the JDK's providers, so nothing is registered in the
 * JVM-wide security configuration and the results are plain JDK objects.
 */
public final class CertificateGenerator {
  public static final int DEFAULT_VALIDITY_DAYS = 365;
  /** Upper bound so that notAfter stays far from the year-2049 UTCTime/GeneralizedTime edge cases. */
  public static final int MAX_VALIDITY_DAYS = 3650;

  /** Tolerates clocks in the cluster that run a little behind the one that signed. */
  private static final Duration BACKDATING = Duration.ofMinutes(5);
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final int MAX_COMMON_NAME_LENGTH = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;

  public CertificateGenerator() {
    this(Clock.systemUTC());
  }

  public CertificateGenerator(Clock clock) {
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException for a service or namespace that is not a DNS label, or a
   *     validity outside 1..{@value #MAX_VALIDITY_DAYS} days
   */
  public GeneratedCertificates generate(String service, String namespace, int validityDays) {
    ServingNames names = new ServingNames(service, namespace);
    if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
      throw new IllegalArgumentException(
          "validity must be between 1 and " + MAX_VALIDITY_DAYS + " days, got " + validityDays);
    }
    Instant now = clock.instant();
    Validity validity = new Validity(now.minus(BACKDATING), now.plus(Duration.ofDays(validityDays)));
    try {
      KeyPair caKeys = newKeyPair();
      X500Name caName = new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.O, "Sparkgate")
          // A random suffix keeps the CAs of different runs apart in trust stores and in logs.
          .addRDN(BCStyle.CN, "Sparkgate development CA " + HexFormat.of().toHexDigits(RANDOM.nextInt()))
          .build();
      X509Certificate ca = caCertificate(caName, caKeys, validity);

      KeyPair servingKeys = newKeyPair();
      X509Certificate serving = servingCertificate(names, servingKeys.getPublic(), ca, caKeys, validity);
      return new GeneratedCertificates(ca, caKeys.getPrivate(), serving, servingKeys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      // Only a JDK without EC support or SHA-256 gets here; nothing the caller could fix.
      throw new IllegalStateException("cannot generate certificates: " + e.getMessage(), e);
    }
  }

  private record Validity(Instant notBefore, Instant notAfter) {}

  private static X509Certificate caCertificate(X500Name name, KeyPair keys, Validity validity)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), validity)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
        .addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
        .addExtension(Extension.subjectKeyIdentifier, false,
            extensions.createSubjectKeyIdentifier(keys.getPublic()));
    return sign(builder, keys);
  }

  private static X509Certificate servingCertificate(ServingNames names, PublicKey servingKey,
      X509Certificate ca, KeyPair caKeys, Validity validity)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Sparkgate");
    // X.520 caps a common name at 64 characters; clients check the SANs, so a long name just omits it.
    if (names.serviceHostName().length() <= MAX_COMMON_NAME_LENGTH) {
      subject.addRDN(BCStyle.CN, names.serviceHostName());
    }
    X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    X509v3CertificateBuilder builder = builder(issuer, subject.build(), servingKey, validity)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        // ECDSA keys only sign in TLS; keyEncipherment would be wrong for them.
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names))
        .addExtension(Extension.subjectKeyIdentifier, false,
            extensions.createSubjectKeyIdentifier(servingKey))
        .addExtension(Extension.authorityKeyIdentifier, false,
            extensions.createAuthorityKeyIdentifier(caKeys.getPublic()));
    return sign(builder, caKeys);
  }

  private static GeneralNames subjectAlternativeNames(ServingNames names) throws UnknownHostException {
    List<GeneralName> sans = new ArrayList<>();
    for (String dnsName : names.dnsNames()) {
      sans.add(new GeneralName(GeneralName.dNSName, dnsName));
    }
    for (String ip : ServingNames.LOOPBACK_IP_ADDRESSES) {
      // Numeric literals: InetAddress parses them without a DNS lookup.
      sans.add(new GeneralName(GeneralName.iPAddress,
          new DEROctetString(InetAddress.getByName(ip).getAddress())));
    }
    return new GeneralNames(sans.toArray(GeneralName[]::new));
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject,
      PublicKey publicKey, Validity validity) {
    return new JcaX509v3CertificateBuilder(issuer, randomSerial(),
        Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, publicKey);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signerKeys)
      throws OperatorCreationException {
    ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signerKeys.getPrivate());
    return Certificates.fromDer(encoded(builder, signer));
  }

  private static byte[] encoded(X509v3CertificateBuilder builder, ContentSigner signer) {
    try {
      return builder.build(signer).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a certificate we just built", e);
    }
  }

  /** Positive, at most 20 octets as RFC 5280 requires, and 158 random bits. */
  private static BigInteger randomSerial() {
    return new BigInteger(158, RANDOM).setBit(158);
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }
}
