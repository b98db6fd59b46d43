package io.sparkgate.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** The public keys a verifier accepts checkpoint signatures from, indexed by key id. */
public final class TrustedKeys {
  private final Map<String, Ed25519PublicKeyParameters> byId = new LinkedHashMap<>();

  private TrustedKeys(Collection<Ed25519PublicKeyParameters> keys) {
    for (Ed25519PublicKeyParameters k : keys) {
      byId.put(SigningKeys.keyId(k), k);
    }
  }

  /** No keys: signatures are not checked, only the hash chain. */
  public static TrustedKeys none() {
    return new TrustedKeys(List.of());
  }

  /** Reads PEM public keys ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo). */
  public static TrustedKeys fromPemFiles(List<Path> files) throws IOException {
    List<Ed25519PublicKeyParameters> keys = new ArrayList<>();
    for (Path f : files) {
      keys.add(SigningKeys.readPublicKey(f));
    }
    return new TrustedKeys(keys);
  }

  static TrustedKeys of(Ed25519PublicKeyParameters... keys) {
    return new TrustedKeys(List.of(keys));
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  public Collection<String> keyIds() {
    return byId.keySet();
  }

  enum Check { VALID, UNKNOWN_KEY, BAD_SIGNATURE }

  Check check(String keyId, byte[] signedPart, String signatureBase64) {
    Ed25519PublicKeyParameters key = keyId == null ? null : byId.get(keyId);
    if (key == null) {
      return Check.UNKNOWN_KEY;
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signatureBase64);
    } catch (IllegalArgumentException e) {
      return Check.BAD_SIGNATURE;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    verifier.update(signedPart, 0, signedPart.length);
    return verifier.verifySignature(sig) ? Check.VALID : Check.BAD_SIGNATURE;
  }
}
