package io.sparkgate.cli;

import io.sparkgate.audit.review.ReviewModel;
import io.sparkgate.audit.review.ReviewPage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * Serves the review page over plain HTTP: {@code GET /} (HTML, {@code ?q=} searches) and
 * {@code GET /api/summary} (the totals as JSON). The model is computed once, at start.
 */
final class ReviewServer implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;

  private ReviewServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  static ReviewServer start(ReviewModel model, String host, int port) throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/" -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
            .end(ReviewPage.render(model, req.getParam("q")));
        case "/api/summary" -> req.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject()
                .put("total", model.summary().total())
                .put("allowed", model.summary().allowed())
                .put("denied", model.summary().denied())
                .put("dryRun", model.summary().dryRun())
                .encode());
        default -> req.response().setStatusCode(404).end("not found: " + req.path() + "\n");
      }
    });
    try {
      server.listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    return new ReviewServer(vertx, server);
  }

  int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    vertx.close();
  }
}
