package io.sparkgate.server;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Serves a route only on its exact path. The router also matches {@code /validate/} and
 * {@code /%2e%2e/validate} to {@code /validate}; the API server calls exactly the configured path,
 * and an alias would let a path rule in front of the server (a proxy, an L7 network policy) be
 * side-stepped, so anything else is a 404. A platform handler: it runs before the in-flight limit
 * and the body is read.
 */
final class ExactPath implements PlatformHandler {
  private final String path;

  ExactPath(String path) {
    this.path = path;
  }

  @Override
  public void handle(RoutingContext context) {
    if (path.equals(context.request().path())) {
      context.next();
    } else {
      HttpErrors.send(context, 404, "no such path: " + context.request().path()
          + " (Sparkgate serves POST /validate and POST /mutate)");
    }
  }
}
