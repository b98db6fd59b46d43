package io.sparkgate.server;

import io.sparkgate.certs.TlsMaterial;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.Set;

/**
 * TLS 1.2 and 1.3 only, with forward-secret AEAD cipher suites; with a client CA, a client
 * certificate signed by it is required.
 */
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

  /** The same settings on a server's options, for its first start. */
  static void applyTo(HttpServerOptions options, TlsMaterial material, String clientCaPem) {
    ServerSSLOptions ssl = sslOptions(material, clientCaPem);
    options.setSsl(true)
        .setKeyCertOptions(ssl.getKeyCertOptions())
        .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols());
    ssl.getEnabledCipherSuites().forEach(options::addEnabledCipherSuite);
    if (clientCaPem != null) {
      options.setTrustOptions(ssl.getTrustOptions()).setClientAuth(ssl.getClientAuth());
    }
  }

  /** @param clientCaPem PEM of the CA client certificates must chain to, or null */
  static ServerSSLOptions sslOptions(TlsMaterial material, String clientCaPem) {
    ServerSSLOptions options = new ServerSSLOptions().setKeyCertOptions(keyCert(material));
    options.setEnabledSecureTransportProtocols(PROTOCOLS);
    CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    if (clientCaPem != null) {
      options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(clientCaPem)));
      options.setClientAuth(ClientAuth.REQUIRED);
    }
    return options;
  }
}
