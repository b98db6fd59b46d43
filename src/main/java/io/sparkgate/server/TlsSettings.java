package io.sparkgate.server;

import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.sparkgate.certs.TlsMaterial;
import java.util.List;
import java.util.Set;

/** TLS 1.2 and 1.3 only, with forward-secret AEAD cipher suites. */
final class TlsSettings {
  static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
  static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsSettings() {}

  static PemKeyCertOptions keyCert(TlsMaterial material) {
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(material.chainPem()))
        .setKeyValue(Buffer.buffer(material.keyPem()));
  }

  static ServerSSLOptions sslOptions(TlsMaterial material) {
    ServerSSLOptions options = new ServerSSLOptions().setKeyCertOptions(keyCert(material));
    options.setEnabledSecureTransportProtocols(PROTOCOLS);
    CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    return options;
  }
}
