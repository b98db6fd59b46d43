package io.sparkgate.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Closes a connection whose request headers do not arrive in time: within {@code firstMillis} of
 * connecting (TLS handshake included), and within {@code nextMillis} of the previous response on a
 * kept-alive connection. Without it a client dribbling header bytes holds a connection for ever,
 * since every byte resets the idle timeout. Once a request's headers are in, the request timeout of
 * the routes takes over. One instance per event loop: the map is touched on that loop only.
 *
 * <p>The deadline is re-armed by a route's end handler, not by the response's: Vert.x Web keeps a
 * single response end handler of its own and replaces one set before routing.
 */
final class RequestHeaderDeadline {
  private final Vertx vertx;
  private final long firstMillis;
  private final long nextMillis;
  private final Map<HttpConnection, Long> timers = new IdentityHashMap<>();

  RequestHeaderDeadline(Vertx vertx, long firstMillis, long nextMillis) {
    this.vertx = vertx;
    this.firstMillis = firstMillis;
    this.nextMillis = nextMillis;
  }

  void onConnection(HttpConnection connection) {
    arm(connection, firstMillis);
    connection.closeHandler(closed -> cancel(connection));
  }

  /** The request handler for {@code router}: the deadline stops when headers arrive, restarts when answered. */
  Handler<HttpServerRequest> around(Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::rearmWhenAnswered);
    return request -> {
      cancel(request.connection());
      router.handle(request);
    };
  }

  private void rearmWhenAnswered(RoutingContext context) {
    HttpConnection connection = context.request().connection();
    context.addEndHandler(ended -> {
      if (!context.response().closed()) {
        arm(connection, nextMillis);
      }
    });
    context.next();
  }

  /** Connections waiting for their next request's headers. */
  int waiting() {
    return timers.size();
  }

  private void arm(HttpConnection connection, long millis) {
    cancel(connection);
    timers.put(connection, vertx.setTimer(millis, id -> {
      timers.remove(connection);
      connection.close();
    }));
  }

  private void cancel(HttpConnection connection) {
    Long timer = timers.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
