package io.sparkgate.certs;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * Private keys as they arrive from files (ours, cert-manager's, openssl's) turned into the one form
 * Vert.x and the JDK both take: unencrypted PKCS#8, {@code -----BEGIN PRIVATE KEY-----}.
 */
public final class PrivateKeys {
  static final String PKCS8 = "PRIVATE KEY";
  static final String PKCS1_RSA = "RSA PRIVATE KEY";
  static final String SEC1_EC = "EC PRIVATE KEY";
  static final String EC_PARAMETERS = "EC PARAMETERS";
  static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";

  private static final String ACCEPTED =
      "accepted: unencrypted PRIVATE KEY (PKCS#8: RSA, EC, Ed25519), RSA PRIVATE KEY (PKCS#1),"
          + " EC PRIVATE KEY (SEC1, optionally after an EC PARAMETERS block)";

  /** JDK {@link KeyFactory} algorithm for each PKCS#8 key algorithm we serve TLS with. */
  private static final Map<ASN1ObjectIdentifier, String> JDK_KEY_ALGORITHMS = Map.of(
      PKCSObjectIdentifiers.rsaEncryption, "RSA",
      X9ObjectIdentifiers.id_ecPublicKey, "EC",
      EdECObjectIdentifiers.id_Ed25519, "Ed25519",
      EdECObjectIdentifiers.id_Ed448, "Ed448");

  private static final SecureRandom RANDOM = new SecureRandom();

  private PrivateKeys() {}

  /**
   * The single private key in {@code pem}, re-encoded as a PKCS#8 PEM block. Certificate blocks next
   * to the key are ignored, so a combined "key + chain" file works too.
   *
   * @throws CertificateMaterialException for encrypted keys, unsupported encodings, broken DER, no key
   *     or more than one key; the message names what was found and what is accepted
   */
  public static String toPkcs8Pem(String pem) {
    PrivateKeyInfo info = toPrivateKeyInfo(pem);
    // Fail here, with our message, rather than later inside the TLS stack.
    jdkKey(info);
    return Pem.encode(PKCS8, der(info));
  }

  /** The key in {@code pem} (any encoding {@link #toPkcs8Pem} accepts) as a JDK key object. */
  public static PrivateKey readPrivateKey(String pem) {
    return jdkKey(toPrivateKeyInfo(pem));
  }

  private static PrivateKey jdkKey(PrivateKeyInfo info) {
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    String jdkAlgorithm = JDK_KEY_ALGORITHMS.get(algorithm);
    if (jdkAlgorithm == null) {
      throw new CertificateMaterialException("unsupported private key algorithm " + algorithm
          + "; supported: RSA, EC, Ed25519, Ed448");
    }
    try {
      return KeyFactory.getInstance(jdkAlgorithm)
          .generatePrivate(new PKCS8EncodedKeySpec(der(info)));
    } catch (GeneralSecurityException e) {
      throw new CertificateMaterialException(
          "the " + jdkAlgorithm + " private key cannot be loaded: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code privateKey} is the key of {@code certificate}: a fresh random challenge signed with
   * the private key must verify with the certificate's public key. This covers RSA, EC and EdDSA
   * alike with no key arithmetic of our own; other key types, and a cert/key pair caught
   * mid-rotation, yield {@code false}.
   */
  public static boolean keyMatchesCertificate(PrivateKey privateKey, X509Certificate certificate) {
    PublicKey publicKey = certificate.getPublicKey();
    String signatureAlgorithm = proofSignatureAlgorithm(privateKey.getAlgorithm());
    if (signatureAlgorithm == null) {
      return false;
    }
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(signatureAlgorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(signatureAlgorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A public key of another type, or on another curve, fails here rather than in verify().
      return false;
    }
  }

  private static byte[] der(PrivateKeyInfo info) {
    try {
      return info.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new CertificateMaterialException("the private key cannot be DER-encoded: " + e.getMessage(), e);
    }
  }

  private static String proofSignatureAlgorithm(String keyAlgorithm) {
    switch (keyAlgorithm) {
      case "RSA":
        return "SHA256withRSA";
      case "EC":
        return "SHA256withECDSA";
      case "Ed25519":
      case "Ed448":
      case "EdDSA":
        return "EdDSA";
      default:
        return null;
    }
  }

  static PrivateKeyInfo toPrivateKeyInfo(String pem) {
    List<PemBlock> blocks = Pem.decode(pem);
    int keyIndex = keyBlockIndex(blocks);
    PemBlock key = blocks.get(keyIndex);
    try {
      PrivateKeyInfo info = null;
      ASN1Encodable separateCurve = null;
      // PEMParser turns every block type it knows into its BouncyCastle object; block i of the
      // parser is block i of Pem.decode, which has already found the one key block.
      try (PEMParser parser = new PEMParser(new StringReader(pem))) {
        for (int i = 0; i < blocks.size(); i++) {
          Object parsed = parsedOrNull(parser, i == keyIndex);
          if (i == keyIndex) {
            info = parsed instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) parsed;
          } else if (blocks.get(i).type().equals(EC_PARAMETERS) && parsed instanceof ASN1Encodable curve) {
            separateCurve = curve;
          }
        }
      }
      return key.type().equals(SEC1_EC) ? withCurve(info, separateCurve) : info;
    } catch (IOException | RuntimeException e) {
      if (e instanceof CertificateMaterialException known) {
        throw known;
      }
      throw new CertificateMaterialException(
          "the " + key.type() + " block is not a valid key: " + e.getMessage(), e);
    }
  }

  /** Blocks other than the key may be of types PEMParser does not know; only the key must parse. */
  private static Object parsedOrNull(PEMParser parser, boolean mustParse) throws IOException {
    try {
      return parser.readObject();
    } catch (IOException | RuntimeException e) {
      if (mustParse) {
        throw e;
      }
      return null;
    }
  }

  private static int keyBlockIndex(List<PemBlock> blocks) {
    int keyIndex = -1;
    for (int i = 0; i < blocks.size(); i++) {
      PemBlock block = blocks.get(i);
      switch (block.type()) {
        case PKCS8, PKCS1_RSA, SEC1_EC, ENCRYPTED_PKCS8 -> {
          if (keyIndex >= 0) {
            throw new CertificateMaterialException("found more than one private key ("
                + blocks.get(keyIndex).type() + ", " + block.type() + "); expected exactly one");
          }
          keyIndex = i;
        }
        default -> {
          if (block.type().endsWith("PRIVATE KEY")) {
            throw new CertificateMaterialException(
                "found an unsupported key block " + block.type() + "; " + ACCEPTED);
          }
        }
      }
    }
    if (keyIndex < 0) {
      throw new CertificateMaterialException(blocks.isEmpty()
          ? "no PEM block found; " + ACCEPTED
          : "no private key found (found " + Pem.typesOf(blocks) + "); " + ACCEPTED);
    }
    PemBlock key = blocks.get(keyIndex);
    if (key.type().equals(ENCRYPTED_PKCS8) || key.isLegacyEncrypted()) {
      throw new CertificateMaterialException("found an encrypted " + key.type()
          + "; Sparkgate needs an unencrypted key (decrypt it with openssl pkey); " + ACCEPTED);
    }
    return keyIndex;
  }

  /** SEC1 may leave the curve out of the key and give it in a separate EC PARAMETERS block. */
  private static PrivateKeyInfo withCurve(PrivateKeyInfo info, ASN1Encodable separateCurve) throws IOException {
    if (info.getPrivateKeyAlgorithm().getParameters() != null) {
      return info;
    }
    if (separateCurve == null) {
      throw new CertificateMaterialException(
          "the EC PRIVATE KEY names no curve and no EC PARAMETERS block precedes it");
    }
    return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, separateCurve),
        info.parsePrivateKey());
  }
}
