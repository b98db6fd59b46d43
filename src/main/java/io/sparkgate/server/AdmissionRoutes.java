package io.sparkgate.server;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;

/** The webhook port's routes, with an answer that says why for every request that is not one. */
final class AdmissionRoutes {
  /** From a request's headers to its answer: a body dribbled slower than this gets a 408. */
  static final long REQUEST_TIMEOUT_MILLIS = 10_000;

  private AdmissionRoutes() {}

  static Router create(Vertx vertx, long maxBodyBytes, InFlightLimit limit, AdmissionHandler validate,
      AdmissionHandler mutate) {
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setHandleFileUploads(false);
    TimeoutHandler timeout = TimeoutHandler.create(REQUEST_TIMEOUT_MILLIS, 408);
    router.post("/validate").handler(new ExactPath("/validate")).handler(limit).handler(timeout).handler(body).handler(validate);
    router.post("/mutate").handler(new ExactPath("/mutate")).handler(limit).handler(timeout).handler(body).handler(mutate);
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
        HttpErrors.sendAndClose(context, 413, "request body is larger than the limit of " + maxBodyBytes + " bytes"));
    router.errorHandler(408, context -> HttpErrors.sendAndClose(context, 408,
        "request not complete within " + REQUEST_TIMEOUT_MILLIS + " ms of its headers (body too slow)"));
    router.errorHandler(400, context -> HttpErrors.send(context, 400, "bad request"));
    router.errorHandler(405, context -> HttpErrors.send(context, 405, "method not allowed: use POST"));
    router.errorHandler(404, context -> HttpErrors.send(context, 404, "no such path: " + context.request().path()));
    router.errorHandler(500, context -> {
      if (isBrokenFraming(context.failure())) {
        HttpErrors.sendAndClose(context, 400, "malformed HTTP request body (chunked encoding)");
      } else {
        HttpErrors.send(context, 500, "internal error");
      }
    });
    return router;
  }

  /** The HTTP decoder's errors inside a body, which Vert.x reports as a failure of the request. */
  private static boolean isBrokenFraming(Throwable failure) {
    return failure instanceof DecoderException
        || failure instanceof NumberFormatException
        || failure instanceof PrematureChannelClosureException;
  }
}
