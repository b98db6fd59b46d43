package io.sparkgate.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sparkgate.policy.PolicySetHolder;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** The plain-HTTP admin port: liveness, readiness and Prometheus metrics. */
final class AdminRoutes {
  private AdminRoutes() {}

  /**
   * @param notReady why the server is not ready beyond the policy set (e.g. cluster caches not yet
   *     synced), or null when nothing else holds it back
   */
  static Router create(Vertx vertx, PolicySetHolder policies, PrometheusMeterRegistry registry,
      Supplier<String> notReady) {
    Router router = Router.router(vertx);
    router.get("/healthz").handler(context -> context.response().end("ok\n"));
    router.get("/readyz").handler(context -> {
      String waiting = notReady.get();
      if (policies.loaded() && waiting != null) {
        context.response().setStatusCode(503).end("not ready: " + waiting + "\n");
      } else if (policies.loaded()) {
        context.response().end("ready: policy set " + policies.current().hash() + "\n");
      } else {
        context.response().setStatusCode(503).end("not ready: no policy set loaded yet\n");
      }
    });
    router.get("/metrics").handler(context -> context.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
    router.route().last().handler(context -> HttpErrors.send(context, 404, "no such path: " + context.request().path()));
    return router;
  }
}
