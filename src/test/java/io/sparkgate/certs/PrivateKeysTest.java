package io.sparkgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrivateKeysTest {
  private static KeyPair rsa;
  private static KeyPair ec;
  private static KeyPair ed25519;

  @BeforeAll
  static void generateKeys() throws Exception {
    KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
    rsaGenerator.initialize(2048);
    rsa = rsaGenerator.generateKeyPair();
    KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
    ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
    ec = ecGenerator.generateKeyPair();
    ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  @Test
  void pkcs1RsaKeyBecomesAnEquivalentPkcs8Key() throws Exception {
    String pkcs1 = pemWrittenByBouncyCastle(rsa.getPrivate());
    assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    PrivateKey normalised = jdkPkcs8(PrivateKeys.toPkcs8Pem(pkcs1), "RSA");

    RSAPrivateCrtKey original = (RSAPrivateCrtKey) rsa.getPrivate();
    RSAPrivateCrtKey converted = (RSAPrivateCrtKey) normalised;
    assertThat(converted.getModulus()).isEqualTo(original.getModulus());
    assertThat(converted.getPrivateExponent()).isEqualTo(original.getPrivateExponent());
    assertThat(converted.getPrimeP()).isEqualTo(original.getPrimeP());
  }

  @Test
  void sec1EcKeyBecomesAnEquivalentPkcs8Key() throws Exception {
    String sec1 = sec1AsOpensslAndGoWriteIt(ec);
    assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");

    PrivateKey normalised = jdkPkcs8(PrivateKeys.toPkcs8Pem(sec1), "EC");

    assertThat(((ECPrivateKey) normalised).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
  }

  @Test
  void sec1KeyAfterAnEcParametersBlockAsOpensslEcparamWritesIt() throws Exception {
    String withParameters = pem("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded())
        + sec1AsOpensslAndGoWriteIt(ec);

    PrivateKey normalised = jdkPkcs8(PrivateKeys.toPkcs8Pem(withParameters), "EC");

    assertThat(((ECPrivateKey) normalised).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
  }

  @Test
  void sec1KeyWithoutCurveTakesItFromTheEcParametersBlock() throws Exception {
    String withParameters = pem("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded())
        + pem("EC PRIVATE KEY", sec1WithoutCurve(ec.getPrivate()));

    PrivateKey normalised = jdkPkcs8(PrivateKeys.toPkcs8Pem(withParameters), "EC");

    assertThat(((ECPrivateKey) normalised).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
  }

  @Test
  void sec1KeyWithNoCurveAnywhereIsRejected() throws Exception {
    String bare = pem("EC PRIVATE KEY", sec1WithoutCurve(ec.getPrivate()));

    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem(bare))
        .isInstanceOf(CertificateMaterialException.class)
        .hasMessageContaining("names no curve");
  }

  @Test
  void pkcs8KeysPassThroughForRsaEcAndEd25519() throws Exception {
    for (KeyPair pair : new KeyPair[] {rsa, ec, ed25519}) {
      String pkcs8 = pem("PRIVATE KEY", pair.getPrivate().getEncoded());

      String normalised = PrivateKeys.toPkcs8Pem(pkcs8);

      assertThat(normalised).isEqualTo(pkcs8);
      PrivateKey key = jdkPkcs8(normalised, pair.getPrivate().getAlgorithm());
      assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
      assertThat(PrivateKeys.readPrivateKey(normalised).getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }
  }

  @Test
  void keyNextToCertificatesInOneFileIsFound() {
    GeneratedCertificates generated = new CertificateGenerator().generate("sparkgate", "sparkgate", 1);
    String combined = generated.servingCertificatePem()
        + pemWrittenByBouncyCastle(rsa.getPrivate()).replace("RSA PRIVATE KEY", "UNRELATED")
        + generated.servingKeyPem()
        + generated.caCertificatePem();

    PrivateKey key = PrivateKeys.readPrivateKey(combined);

    assertThat(PrivateKeys.keyMatchesCertificate(key, generated.servingCertificate())).isTrue();
  }

  @Test
  void encryptedPkcs8KeyIsRejectedSayingWhatIsAccepted() throws Exception {
    String encrypted = pemWrittenByBouncyCastle(new JcaPKCS8Generator(ec.getPrivate(),
        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
            .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build()));
    assertThat(encrypted).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem(encrypted))
        .isInstanceOf(CertificateMaterialException.class)
        .hasMessageContaining("found an encrypted ENCRYPTED PRIVATE KEY")
        .hasMessageContaining("accepted: unencrypted PRIVATE KEY");
  }

  @Test
  void legacyOpensslEncryptedRsaKeyIsRejected() throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(rsa.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC")
          .setProvider(new BouncyCastleProvider()).build("secret".toCharArray()));
    }
    assertThat(out.toString()).contains("Proc-Type: 4,ENCRYPTED");

    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem(out.toString()))
        .isInstanceOf(CertificateMaterialException.class)
        .hasMessageContaining("found an encrypted RSA PRIVATE KEY");
  }

  @Test
  void garbageAndNonKeysGetMessagesNamingWhatWasFound() {
    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem("not a key at all"))
        .isInstanceOf(CertificateMaterialException.class)
        .hasMessageStartingWith("no PEM block found; accepted: unencrypted PRIVATE KEY (PKCS#8");
    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem(pem("CERTIFICATE", new byte[] {1, 2, 3})))
        .hasMessageStartingWith("no private key found (found CERTIFICATE); accepted:");
    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem(pem("OPENSSH PRIVATE KEY", new byte[] {1, 2, 3})))
        .hasMessageStartingWith("found an unsupported key block OPENSSH PRIVATE KEY; accepted:");
    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem(pem("RSA PRIVATE KEY", new byte[] {48, 3, 2, 1, 0})))
        .hasMessageStartingWith("the RSA PRIVATE KEY block is not a valid key");
    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"))
        .hasMessageStartingWith("malformed PEM");
    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem("-----BEGIN PRIVATE KEY-----\nMIIB\n"))
        .hasMessageStartingWith("malformed PEM");
    String twoKeys = pem("PRIVATE KEY", ec.getPrivate().getEncoded()) + pem("PRIVATE KEY", rsa.getPrivate().getEncoded());
    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem(twoKeys)).hasMessageContaining("more than one private key");
  }

  @Test
  void keysTheJdkCannotServeWithAreRejectedUpFront() throws Exception {
    KeyPair dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair();
    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem(pem("PRIVATE KEY", dsa.getPrivate().getEncoded())))
        .isInstanceOf(CertificateMaterialException.class)
        .hasMessageStartingWith("unsupported private key algorithm 1.2.840.10040.4.1");

    PrivateKeyInfo brokenInside = new PrivateKeyInfo(
        PrivateKeyInfo.getInstance(ec.getPrivate().getEncoded()).getPrivateKeyAlgorithm(), new DEROctetString(new byte[] {1}));
    assertThatThrownBy(() -> PrivateKeys.toPkcs8Pem(pem("PRIVATE KEY", brokenInside.getEncoded())))
        .isInstanceOf(CertificateMaterialException.class)
        .hasMessageStartingWith("the EC private key cannot be loaded");
  }

  @Test
  void ed25519KeyMatchesItsOwnCertificateOnly() throws Exception {
    X509Certificate own = selfSigned(ed25519, "Ed25519");

    assertThat(PrivateKeys.keyMatchesCertificate(ed25519.getPrivate(), own)).isTrue();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(PrivateKeys.keyMatchesCertificate(other.getPrivate(), own)).isFalse();
    assertThat(PrivateKeys.keyMatchesCertificate(ec.getPrivate(), own)).isFalse();
  }

  @Test
  void rsaKeyMatchesItsOwnCertificateOnly() throws Exception {
    X509Certificate own = selfSigned(rsa, "SHA256withRSA");
    String pkcs1 = pemWrittenByBouncyCastle(rsa.getPrivate());

    assertThat(PrivateKeys.keyMatchesCertificate(PrivateKeys.readPrivateKey(pkcs1), own)).isTrue();
    assertThat(PrivateKeys.keyMatchesCertificate(ec.getPrivate(), own)).isFalse();
  }

  @Test
  void keyOfAnotherAlgorithmDoesNotMatch() {
    GeneratedCertificates generated = new CertificateGenerator().generate("sparkgate", "sparkgate", 1);

    assertThat(PrivateKeys.keyMatchesCertificate(rsa.getPrivate(), generated.servingCertificate())).isFalse();
    assertThat(PrivateKeys.keyMatchesCertificate(ed25519.getPrivate(), generated.servingCertificate())).isFalse();
    assertThat(PrivateKeys.keyMatchesCertificate(ec.getPrivate(), generated.servingCertificate())).isFalse();
  }

  private static X509Certificate selfSigned(KeyPair pair, String signatureAlgorithm) throws Exception {
    X500Name name = new X500Name("CN=test");
    Instant now = Instant.now();
    byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
            Date.from(now.plusSeconds(3600)), name, pair.getPublic())
        .build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate()))
        .getEncoded();
    return Certificates.fromDer(der);
  }

  static String pemWrittenByBouncyCastle(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String pem(String type, byte[] der) {
    return pemWrittenByBouncyCastle(new PemObject(type, der));
  }

  /**
   * SEC1 with the named curve and public key inside, as openssl and Go (cert-manager) write it. Given
   * a JDK key, BouncyCastle's writer would copy the JDK's inner structure, which omits the curve.
   */
  static String sec1AsOpensslAndGoWriteIt(KeyPair pair) throws Exception {
    ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
    SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
        256, key.getS(), publicKey.getPublicKeyData(), SECObjectIdentifiers.secp256r1);
    PrivateKeyInfo info = new PrivateKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1), sec1);
    String pem = pemWrittenByBouncyCastle(info);
    assertThat(org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(Pem.decode(pem).get(0).der())
        .getParametersObject()).isEqualTo(SECObjectIdentifiers.secp256r1);
    return pem;
  }

  /** The SEC1 structure with the optional curve parameters (and public key) left out. */
  private static byte[] sec1WithoutCurve(PrivateKey key) throws Exception {
    org.bouncycastle.asn1.sec.ECPrivateKey full =
        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey());
    return new org.bouncycastle.asn1.sec.ECPrivateKey(256, full.getKey()).getEncoded();
  }

  private static PrivateKey jdkPkcs8(String pem, String algorithm) throws Exception {
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
