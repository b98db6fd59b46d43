package io.sparkgate.server;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
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

  /** How long the unread rest of a refused body is read and dropped before the connection closes. */
  static final long LINGER_MILLIS = 1_000;

  /**
   * For answers given before the request body was read to its end (too large, too slow, broken
   * framing): the rest of the stream cannot be trusted, so the connection is closed once sent. A
   * socket closed with unread bytes in it is reset, and the reset can reach the client before the
   * answer does; so the rest of the body is read and dropped until it ends, or for at most
   * {@link #LINGER_MILLIS}, before the close.
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
        .onComplete(sent -> closeAfterTheBody(context));
  }

  private static void closeAfterTheBody(RoutingContext context) {
    HttpServerRequest request = context.request();
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long timer = context.vertx().setTimer(LINGER_MILLIS, expired -> connection.close());
    try {
      request.handler(dropped -> { });
      request.endHandler(ended -> {
        context.vertx().cancelTimer(timer);
        connection.close();
      });
      request.exceptionHandler(failed -> connection.close());
      request.resume();
    } catch (IllegalStateException alreadyRead) {
      context.vertx().cancelTimer(timer);
      connection.close();
    }
  }
}
