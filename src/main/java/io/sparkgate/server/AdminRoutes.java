package io.sparkgate.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sparkgate.policy.PolicySetHolder;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The plain-HTTP admin port: liveness, readiness and Prometheus metrics. */
final class AdminRoutes {
  private AdminRoutes() {}

  static Router create(Vertx vertx, PolicySetHolder policies, PrometheusMeterRegistry registry) {
    Router router = Router.router(vertx);
    router.get("/healthz").handler(context -> context.response().end("ok\n"));
    router.get("/readyz").handler(context -> {
      if (policies.loaded()) {
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
