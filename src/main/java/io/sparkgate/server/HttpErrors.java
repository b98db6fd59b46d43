package io.sparkgate.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Every HTTP-level error Sparkgate sends: a status and a JSON body with the reason. */
final class HttpErrors {
  private HttpErrors() {}

  static void send(RoutingContext context, int status, String reason) {
    if (context.response().ended() || context.response().closed()) {
      return;
    }
    context.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("code", status).put("reason", reason).encode());
  }

  /**
   * For answers given before the request body was read to its end (too large, too slow, broken
   * framing): the rest of the stream cannot be trusted, so the connection is closed once sent.
   */
  static void sendAndClose(RoutingContext context, int status, String reason) {
    if (context.response().ended() || context.response().closed()) {
      return;
    }
    context.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(new JsonObject().put("code", status).put("reason", reason).encode())
        .onComplete(sent -> context.request().connection().close());
  }
}
