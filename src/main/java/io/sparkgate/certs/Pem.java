package io.sparkgate.certs;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** PEM text in and out (RFC 7468). Text outside the blocks is ignored, as OpenSSL does. */
final class Pem {
  private static final Base64.Encoder BASE64_64_COLUMNS =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  static String encode(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + BASE64_64_COLUMNS.encodeToString(der) + "\n"
        + "-----END " + type + "-----\n";
  }

  /**
   * Every block in {@code text}, in order.
   *
   * @throws CertificateMaterialException if a block is cut off or its base64 is broken
   */
  static List<PemBlock> decode(String text) {
    List<PemBlock> blocks = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(text))) {
      for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
        blocks.add(new PemBlock(object.getType(), headersOf(object), object.getContent()));
      }
    } catch (IOException | RuntimeException e) {
      // BouncyCastle reports a missing END line as IOException and bad base64 as a DecoderException.
      throw new CertificateMaterialException("malformed PEM: " + e.getMessage(), e);
    }
    return blocks;
  }

  static String typesOf(List<PemBlock> blocks) {
    return blocks.stream().map(PemBlock::type).distinct().reduce((a, b) -> a + ", " + b).orElse("");
  }

  private static Map<String, String> headersOf(PemObject object) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Object header : object.getHeaders()) {
      PemHeader pemHeader = (PemHeader) header;
      headers.put(pemHeader.getName(), pemHeader.getValue());
    }
    return headers;
  }
}
