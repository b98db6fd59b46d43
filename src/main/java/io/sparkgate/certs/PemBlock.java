package io.sparkgate.certs;

import java.util.Map;

/** One {@code -----BEGIN TYPE-----} block: its type, its RFC 1421 headers and its decoded content. */
record PemBlock(String type, Map<String, String> headers, byte[] der) {

  /** Legacy OpenSSL encryption marks the block with {@code Proc-Type: 4,ENCRYPTED}. */
  boolean isLegacyEncrypted() {
    String procType = headers.get("Proc-Type");
    return procType != null && procType.contains("ENCRYPTED");
  }
}
