package io.sparkgate.audit;

import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Signs checkpoint lines with Ed25519. */
final class CheckpointSigner {
  private final Ed25519PrivateKeyParameters privateKey;
  private final Ed25519PublicKeyParameters publicKey;
  private final String keyId;

  CheckpointSigner(Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = privateKey.generatePublicKey();
    this.keyId = SigningKeys.keyId(publicKey);
  }

  String keyId() {
    return keyId;
  }

  Ed25519PublicKeyParameters publicKey() {
    return publicKey;
  }

  String signBase64(byte[] data) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(data, 0, data.length);
    return Base64.getEncoder().encodeToString(signer.generateSignature());
  }
}
