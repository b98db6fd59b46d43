package io.sparkgate.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Every HTTP-level error Sparkgate sends: a status and a JSON body with the reason. */
final class HttpErrors {
  private HttpErrors() {}

  static void send(RoutingContext context, int status, String reason) {
    if (context.response().ended()) {
      return;
    }
    context.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("code", status).put("reason", reason).encode());
  }
}
