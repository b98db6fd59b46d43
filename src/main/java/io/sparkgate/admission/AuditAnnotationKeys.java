package io.sparkgate.admission;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Maps in-tree audit annotation keys to keys a webhook may return: a qualified name without '/',
 * at most 63 characters (the API server prefixes them with the webhook's name).
 * {@code <policy>/<key>} becomes {@code <policy>_<key>}; the validation failure key becomes
 * {@code validation_failure}; a key still too long keeps its end and gets a short checksum.
 */
public final class AuditAnnotationKeys {
  private static final String VALIDATION_FAILURE = "validation.policy.admission.k8s.io/validation_failure";
  private static final int MAX_LENGTH = 63;

  private AuditAnnotationKeys() {}

  public static String forWebhook(String key) {
    if (key.equals(VALIDATION_FAILURE)) {
      return "validation_failure";
    }
    String flat = key.replace('/', '_');
    if (flat.length() <= MAX_LENGTH) {
      return flat;
    }
    CRC32 crc = new CRC32();
    crc.update(flat.getBytes(StandardCharsets.UTF_8));
    String suffix = String.format("%08x", crc.getValue());
    String tail = flat.substring(flat.length() - (MAX_LENGTH - suffix.length() - 1));
    while (!tail.isEmpty() && !Character.isLetterOrDigit(tail.charAt(0))) {
      tail = tail.substring(1);
    }
    return suffix + "." + tail;
  }
}
