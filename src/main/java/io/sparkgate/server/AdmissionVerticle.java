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
  /** A kept-alive connection without a request is closed after this long. */
  static final int IDLE_TIMEOUT_SECONDS = 90;
  /** A new connection must have completed its TLS handshake and first request's headers by then. */
  static final long HEADER_DEADLINE_MILLIS = 10_000;

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
        .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
        .setSslHandshakeTimeout(10)
        .setMaxHeaderSize(16 * 1024)
        .setCompressionSupported(false)
        .setDecompressionSupported(false);
    TlsSettings.applyTo(options, material.get(), clientCaPem);
    RequestHeaderDeadline headers = new RequestHeaderDeadline(vertx, HEADER_DEADLINE_MILLIS, IDLE_TIMEOUT_SECONDS * 1000L);
    return vertx.createHttpServer(options)
        .connectionHandler(connection -> {
          headers.onConnection(connection);
          BrokenFramingAnswer.install(connection);
        })
        .invalidRequestHandler(new InvalidRequests())
        .requestHandler(headers.around(routes.create(vertx)))
        .listen(config.port(), config.host())
        .onSuccess(servers::add);
  }
}
