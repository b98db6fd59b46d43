package io.sparkgate.server;

import io.sparkgate.certs.TlsMaterial;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Supplier;

/** One HTTPS listener on the webhook port; one instance per event loop shares the port. */
final class AdmissionVerticle extends VerticleBase {
  private final ServerConfig config;
  private final Supplier<TlsMaterial> material;
  private final String clientCaPem;
  private final RouterFactory routes;
  private final List<HttpServer> servers;

  interface RouterFactory {
    Router create(io.vertx.core.Vertx vertx);
  }

  AdmissionVerticle(ServerConfig config, Supplier<TlsMaterial> material, String clientCaPem, RouterFactory routes,
      List<HttpServer> servers) {
    this.config = config;
    this.clientCaPem = clientCaPem;
    this.material = material;
    this.routes = routes;
    this.servers = servers;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout(90)
        .setSslHandshakeTimeout(10)
        .setMaxHeaderSize(16 * 1024)
        .setCompressionSupported(false)
        .setDecompressionSupported(false);
    TlsSettings.applyTo(options, material.get(), clientCaPem);
    return vertx.createHttpServer(options)
        .requestHandler(routes.create(vertx))
        .listen(config.port(), config.host())
        .onSuccess(servers::add);
  }
}
