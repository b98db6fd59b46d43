package io.sparkgate.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The webhook port's routes, with an answer that says why for every request that is not one. */
final class AdmissionRoutes {
  private AdmissionRoutes() {}

  static Router create(Vertx vertx, long maxBodyBytes, InFlightLimit limit, AdmissionHandler validate,
      AdmissionHandler mutate) {
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setHandleFileUploads(false);
    router.post("/validate").handler(limit).handler(body).handler(validate);
    router.post("/mutate").handler(limit).handler(body).handler(mutate);
    router.route().last().handler(context -> {
      String path = context.request().path();
      boolean known = "/validate".equals(path) || "/mutate".equals(path);
      if (known && context.request().method() != HttpMethod.POST) {
        context.response().putHeader("Allow", "POST");
        HttpErrors.send(context, 405, "method " + context.request().method() + " is not allowed on " + path + ": use POST");
      } else {
        HttpErrors.send(context, 404, "no such path: " + path + " (Sparkgate serves POST /validate and POST /mutate)");
      }
    });
    router.errorHandler(413, context ->
        HttpErrors.send(context, 413, "request body is larger than the limit of " + maxBodyBytes + " bytes"));
    router.errorHandler(400, context -> HttpErrors.send(context, 400, "bad request"));
    router.errorHandler(405, context -> HttpErrors.send(context, 405, "method not allowed: use POST"));
    router.errorHandler(404, context -> HttpErrors.send(context, 404, "no such path: " + context.request().path()));
    router.errorHandler(500, context -> HttpErrors.send(context, 500, "internal error"));
    return router;
  }
}
