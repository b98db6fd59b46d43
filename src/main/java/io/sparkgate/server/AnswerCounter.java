package io.sparkgate.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sparkgate.metrics.MetricNames;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts what became of every request the webhook port's router received: answered (by status),
 * turned away with 429, or left without an answer because its connection closed first. Received
 * = answered + unanswered, so a request the server lost shows in the metrics.
 */
final class AnswerCounter {
  private final MeterRegistry registry;
  private final ConcurrentMap<Integer, Counter> answered = new ConcurrentHashMap<>();
  private final Counter overloaded;
  private final Counter unanswered;

  AnswerCounter(MeterRegistry registry) {
    this.registry = registry;
    this.overloaded = Counter.builder(MetricNames.ADMISSION_OVERLOADED)
        .description("Requests answered 429 because --max-in-flight requests were being worked on").register(registry);
    this.unanswered = Counter.builder(MetricNames.ADMISSION_UNANSWERED)
        .description("Requests received whose connection closed before their answer was written").register(registry);
    for (int status : new int[] {200, 429}) {
      answered(status);
    }
  }

  /** Counts the request's fate once its response has ended or its connection has closed. */
  void watch(RoutingContext context) {
    context.addEndHandler(ended -> {
      if (ended.succeeded()) {
        answered(context.response().getStatusCode()).increment();
      } else {
        unanswered.increment();
      }
    });
  }

  void overloaded() {
    overloaded.increment();
  }

  private Counter answered(int status) {
    // statuses the server sends are a closed set (200, 400, 404, 405, 408, 413, 415, 429, 500...)
    return answered.computeIfAbsent(status, code -> Counter.builder(MetricNames.ADMISSION_ANSWERED)
        .description("Answers written on the webhook port, by HTTP status")
        .tag("status", String.valueOf(code)).register(registry));
  }
}
