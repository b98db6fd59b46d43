package io.sparkgate.audit;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads or generates the Ed25519 checkpoint signing key: PKCS#8 PEM private key
 * ({@value #PRIVATE_KEY_FILE}, mode 0600) and X.509 SubjectPublicKeyInfo PEM public key
 * ({@value #PUBLIC_KEY_FILE}).
 */
public final class SigningKeys {
  public static final String PRIVATE_KEY_FILE = "audit-signing.key";
  public static final String PUBLIC_KEY_FILE = "audit-signing.pub";
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

  private SigningKeys() {}

  /** Identifies a key in checkpoint lines: first 8 bytes of the SHA-256 of its SubjectPublicKeyInfo DER. */
  public static String keyId(Ed25519PublicKeyParameters key) {
    try {
      byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
      return HexFormat.of().formatHex(HashChain.newDigest().digest(spki), 0, 8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * With an explicit key file, loads it (it must exist). Otherwise loads
   * {@code keyDirectory/audit-signing.key}, generating the pair on first use.
   */
  static CheckpointSigner loadOrCreate(Path keyDirectory, Path explicitPrivateKey) {
    if (explicitPrivateKey != null) {
      if (!Files.isReadable(explicitPrivateKey)) {
        throw new AuditLogException("audit signing key " + explicitPrivateKey + " does not exist or is not readable");
      }
      return new CheckpointSigner(readPrivateKey(explicitPrivateKey));
    }
    Path privateFile = keyDirectory.resolve(PRIVATE_KEY_FILE);
    Path publicFile = keyDirectory.resolve(PUBLIC_KEY_FILE);
    if (Files.exists(privateFile)) {
      CheckpointSigner signer = new CheckpointSigner(readPrivateKey(privateFile));
      ensurePublicKeyMatches(publicFile, signer);
      return signer;
    }
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    CheckpointSigner signer = new CheckpointSigner(key);
    try {
      Files.createDirectories(keyDirectory);
      writePrivateKey(privateFile, key);
      Files.writeString(publicFile, publicKeyPem(signer.publicKey()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new AuditLogException("cannot write audit signing key pair to " + keyDirectory + ": " + e, e);
    }
    LOG.info("generated audit signing key pair {} (key id {})", privateFile, signer.keyId());
    return signer;
  }

  private static void ensurePublicKeyMatches(Path publicFile, CheckpointSigner signer) {
    try {
      if (!Files.exists(publicFile)) {
        Files.writeString(publicFile, publicKeyPem(signer.publicKey()), StandardCharsets.US_ASCII);
        return;
      }
      Ed25519PublicKeyParameters onDisk = readPublicKey(publicFile);
      if (!Arrays.equals(onDisk.getEncoded(), signer.publicKey().getEncoded())) {
        throw new AuditLogException(publicFile + " does not belong to the private key next to it");
      }
    } catch (IOException e) {
      throw new AuditLogException("cannot read or write " + publicFile + ": " + e, e);
    }
  }

  private static void writePrivateKey(Path file, Ed25519PrivateKeyParameters key) throws IOException {
    byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded();
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " appeared while generating a new key; refusing to overwrite it", e);
    }
    Files.writeString(file, pem("PRIVATE KEY", der), StandardCharsets.US_ASCII);
  }

  public static Ed25519PrivateKeyParameters readPrivateKey(Path file) {
    try {
      AsymmetricKeyParameter key = PrivateKeyFactory.createKey(readPem(file, "PRIVATE KEY"));
      if (key instanceof Ed25519PrivateKeyParameters ed) {
        return ed;
      }
      throw new AuditLogException(file + " is not an Ed25519 private key");
    } catch (IOException | RuntimeException e) {
      if (e instanceof AuditLogException ae) {
        throw ae;
      }
      throw new AuditLogException("cannot read audit signing key " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads an Ed25519 public key in PEM ({@code PUBLIC KEY}) form. */
  public static Ed25519PublicKeyParameters readPublicKey(Path file) throws IOException {
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(readPem(file, "PUBLIC KEY"));
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a valid public key: " + e.getMessage(), e);
    }
    if (key instanceof Ed25519PublicKeyParameters ed) {
      return ed;
    }
    throw new IOException(file + " is not an Ed25519 public key");
  }

  static String publicKeyPem(Ed25519PublicKeyParameters key) throws IOException {
    return pem("PUBLIC KEY", SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded());
  }

  private static String pem(String type, byte[] der) throws IOException {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(new PemObject(type, der));
    }
    return out.toString();
  }

  private static byte[] readPem(Path file, String expectedType) throws IOException {
    try (PemReader r = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      PemObject o = r.readPemObject();
      if (o == null || !expectedType.equals(o.getType())) {
        throw new IOException(file + " does not contain a PEM '" + expectedType + "' block");
      }
      return o.getContent();
    }
  }
}
