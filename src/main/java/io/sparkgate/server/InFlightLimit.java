package io.sparkgate.server;

import io.micrometer.core.instrument.Gauge;
import io.sparkgate.metrics.AdmissionMetrics;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the admission requests the server works on at once, over all event loops. A request over
 * the bound is answered at once, before its body is read, with HTTP 429 and a JSON reason: the API
 * server counts that as a failed call and applies the webhook's failurePolicy, instead of the
 * request waiting in an unbounded queue past the webhook timeout. A slot is held from the
 * request's arrival until its response has ended or its connection has closed. A platform handler,
 * so that Vert.x Web runs it before the body handler.
 */
final class InFlightLimit implements PlatformHandler {
  static final String IN_FLIGHT_METRIC = "sparkgate.admission.in.flight";

  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AdmissionMetrics metrics;
  private final RequestTrace trace;
  private final AnswerCounter answers;

  InFlightLimit(int max, AdmissionMetrics metrics, RequestTrace trace) {
    this.max = max;
    this.metrics = metrics;
    this.trace = trace;
    this.answers = new AnswerCounter(metrics.registry());
    Gauge.builder(IN_FLIGHT_METRIC, inFlight, AtomicInteger::get)
        .description("Admission requests being worked on; at most --max-in-flight")
        .register(metrics.registry());
  }

  int inFlight() {
    return inFlight.get();
  }

  @Override
  public void handle(RoutingContext context) {
    long start = System.nanoTime();
    HttpServerRequest request = context.request();
    trace.on(RequestTrace.Step.RECEIVED, request);
    answers.watch(context);
    context.addEndHandler(ended -> trace.on(ended.succeeded()
        ? RequestTrace.Step.RESPONSE_WRITTEN : RequestTrace.Step.RESPONSE_FAILED, request));
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      trace.on(RequestTrace.Step.OVERLOADED, request);
      answers.overloaded();
      metrics.record(endpointOf(context), "unread", "unread", "overloaded", System.nanoTime() - start);
      discardBody(context.request());
      context.response().putHeader("Retry-After", "1");
      HttpErrors.send(context, 429, "Sparkgate is overloaded: " + max
          + " admission requests are in flight (--max-in-flight); the API server applies the webhook's failurePolicy");
      return;
    }
    trace.on(RequestTrace.Step.ADMITTED, request);
    AtomicBoolean released = new AtomicBoolean();
    context.addEndHandler(ended -> {
      if (released.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
      }
    });
    context.next();
  }

  /**
   * The body is not needed, but must still be read off the connection: left paused, it would
   * stall the next request on this kept-alive connection until the idle timeout.
   */
  private static void discardBody(HttpServerRequest request) {
    if (!request.isEnded()) {
      request.handler(ignored -> { });
      request.resume();
    }
  }

  private static String endpointOf(RoutingContext context) {
    String path = context.request().path();
    return path != null && path.startsWith("/") ? path.substring(1) : "unknown";
  }
}
