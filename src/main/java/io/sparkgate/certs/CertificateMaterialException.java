package io.sparkgate.certs;

/**
 * Certificate or key text that cannot be used: not PEM, an unsupported or encrypted encoding, broken
 * DER, or a key that does not belong to its certificate. The message says what was found and what is
 * accepted, so it can be shown to an operator as it is.
 */
public final class CertificateMaterialException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CertificateMaterialException(String message) {
    super(message);
  }

  public CertificateMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
