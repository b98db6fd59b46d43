package io.sparkgate.server;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Requests the HTTP decoder could not read (a bad request line, headers over the limit, broken
 * chunking) get the same kind of answer as every other error: a status and a JSON reason; then
 * the connection is closed, since the stream can no longer be trusted.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {
  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String reason;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      reason = "request line is longer than the server accepts";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      reason = "request headers are larger than the server accepts";
    } else if (cause instanceof TooLongFrameException) {
      status = 413;
      reason = "request is larger than the server accepts";
    } else {
      status = 400;
      reason = "malformed HTTP request" + (cause == null ? "" : ": " + cause.getClass().getSimpleName());
    }
    request.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(new JsonObject().put("code", status).put("reason", reason).encode())
        .onComplete(done -> request.connection().close());
  }
}
