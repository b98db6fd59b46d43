package io.sparkgate.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.audit.SigningKeys;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.openssl.PEMParser;

/**
 * The Ed25519 public keys scan records are trusted from, by key id (the audit log's key ids: the
 * first 8 bytes of the SHA-256 of the SubjectPublicKeyInfo, in hex).
 */
public final class ImageScanKeys {
  public static final ImageScanKeys NONE = new ImageScanKeys(Map.of());
  /** The ConfigMap (in the policy directory) whose every data value is a trusted PEM public key. */
  public static final String KEYS_CONFIG_MAP = "sparkgate-image-scan-keys";

  private final Map<String, Ed25519PublicKeyParameters> byId;

  private ImageScanKeys(Map<String, Ed25519PublicKeyParameters> byId) {
    this.byId = Map.copyOf(byId);
  }

  public static ImageScanKeys of(Collection<Ed25519PublicKeyParameters> keys) {
    Map<String, Ed25519PublicKeyParameters> byId = new LinkedHashMap<>();
    for (Ed25519PublicKeyParameters key : keys) {
      byId.put(SigningKeys.keyId(key), key);
    }
    return new ImageScanKeys(byId);
  }

  public static ImageScanKeys fromFiles(List<Path> files) throws IOException {
    List<Ed25519PublicKeyParameters> keys = new ArrayList<>();
    for (Path file : files) {
      keys.add(SigningKeys.readPublicKey(file));
    }
    return of(keys);
  }

  /** One PEM {@code PUBLIC KEY} block, as a ConfigMap value holds it. */
  public static Ed25519PublicKeyParameters parsePublicKey(String pem) throws IOException {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      parsed = parser.readObject();
    } catch (RuntimeException e) {
      throw new IOException("not a PEM public key: " + e.getMessage(), e);
    }
    if (!(parsed instanceof SubjectPublicKeyInfo info)) {
      throw new IOException("not a PEM PUBLIC KEY block");
    }
    AsymmetricKeyParameter key = PublicKeyFactory.createKey(info);
    if (key instanceof Ed25519PublicKeyParameters ed) {
      return ed;
    }
    throw new IOException("not an Ed25519 public key");
  }

  public static boolean isKeysConfigMap(JsonNode object) {
    return "ConfigMap".equals(object.path("kind").asText()) && "v1".equals(object.path("apiVersion").asText())
        && KEYS_CONFIG_MAP.equals(object.path("metadata").path("name").asText());
  }

  /** Equal when they trust the same keys (a key id names one key). */
  @Override
  public boolean equals(Object other) {
    return other instanceof ImageScanKeys keys && keys.byId.keySet().equals(byId.keySet());
  }

  @Override
  public int hashCode() {
    return byId.keySet().hashCode();
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  public int size() {
    return byId.size();
  }

  public ImageScanKeys plus(ImageScanKeys other) {
    Map<String, Ed25519PublicKeyParameters> merged = new LinkedHashMap<>(byId);
    merged.putAll(other.byId);
    return new ImageScanKeys(merged);
  }

  /** Why a record's signature is not good, or null when a trusted key made it. */
  public String problem(JsonNode object, ImageScan.Signature signature) {
    if (signature == null || signature.value().isEmpty()) {
      return "the record is not signed";
    }
    Ed25519PublicKeyParameters key = byId.get(signature.keyId());
    if (key == null) {
      return "the record is signed by key " + ImageScan.shorten(signature.keyId()) + ", which is not trusted";
    }
    byte[] value;
    try {
      value = Base64.getDecoder().decode(signature.value());
    } catch (IllegalArgumentException e) {
      return "the signature is not base64";
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    byte[] signed = ImageScan.signedBytes(object);
    verifier.update(signed, 0, signed.length);
    return verifier.verifySignature(value) ? null : "the signature does not match the record (altered or signed by another key)";
  }

  /** Signs the record with {@code key}. */
  public static ImageScan sign(ImageScan scan, Ed25519PrivateKeyParameters key) {
    byte[] signed = ImageScan.signedBytes(scan.withSignature(null).toObject());
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(signed, 0, signed.length);
    String value = Base64.getEncoder().encodeToString(signer.generateSignature());
    return scan.withSignature(new ImageScan.Signature(SigningKeys.keyId(key.generatePublicKey()), value));
  }

  /** Reads a PKCS#8 PEM Ed25519 private key. */
  public static Ed25519PrivateKeyParameters readPrivateKey(Path file) {
    return SigningKeys.readPrivateKey(file);
  }
}
