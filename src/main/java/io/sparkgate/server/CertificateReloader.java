package io.sparkgate.server;

import io.sparkgate.certs.CertificateMaterialException;
import io.sparkgate.certs.TlsMaterial;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches tls.crt and tls.key (cert-manager rotates Secrets in place) and gives new connections
 * the new pair; open connections keep theirs. A pair caught mid-rotation (key and certificate
 * not matching) is skipped until the next look.
 */
final class CertificateReloader {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

  private final Vertx vertx;
  private final Path certFile;
  private final Path keyFile;
  private final List<HttpServer> servers;
  private final Consumer<TlsMaterial> onLoaded;
  private final AtomicReference<String> current = new AtomicReference<>();
  private final String clientCaPem;

  CertificateReloader(Vertx vertx, Path certs, String clientCaPem, List<HttpServer> servers,
      Consumer<TlsMaterial> onLoaded) {
    this.clientCaPem = clientCaPem;
    this.vertx = vertx;
    this.certFile = certs.resolve("tls.crt");
    this.keyFile = certs.resolve("tls.key");
    this.servers = servers;
    this.onLoaded = onLoaded;
  }

  TlsMaterial loadInitial() throws IOException {
    TlsMaterial material = TlsMaterial.load(certFile, keyFile);
    current.set(material.chainPem() + material.keyPem());
    onLoaded.accept(material);
    return material;
  }

  long start(long periodMillis) {
    return vertx.setPeriodic(periodMillis, id -> check());
  }

  /** Reads the files off the event loop and swaps the servers' key pair when it changed. */
  Future<Boolean> check() {
    return vertx.executeBlocking(() -> TlsMaterial.load(certFile, keyFile), false)
        .compose(material -> {
          String fingerprint = material.chainPem() + material.keyPem();
          if (fingerprint.equals(current.get())) {
            return Future.succeededFuture(false);
          }
          List<Future<Boolean>> updates = new ArrayList<>();
          for (HttpServer server : servers) {
            updates.add(server.updateSSLOptions(TlsSettings.sslOptions(material, clientCaPem), true));
          }
          return Future.all(updates).map(done -> {
            current.set(fingerprint);
            onLoaded.accept(material);
            LOG.info("serving certificate reloaded: {}, valid until {}",
                material.leafInfo().subject(), material.leafInfo().notAfter());
            return true;
          });
        })
        .recover(error -> {
          if (error instanceof CertificateMaterialException || error instanceof IOException) {
            LOG.warn("serving certificate not reloaded, keeping the current one: {}", error.getMessage());
          } else {
            LOG.error("serving certificate reload failed, keeping the current one", error);
          }
          return Future.succeededFuture(false);
        });
  }
}
