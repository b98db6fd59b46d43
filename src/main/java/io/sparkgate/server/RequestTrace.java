package io.sparkgate.server;

import io.vertx.core.http.HttpServerRequest;

/**
 * Observes the steps of every request on the webhook port, from its arrival at the router to its
 * response written (or lost). For diagnosis and tests: each step is reported on the thread that
 * took it, so an implementation must be thread-safe and quick. The default does nothing.
 */
public interface RequestTrace {
  /** A step of one request, in the order a request normally takes them. */
  enum Step {
    RECEIVED, OVERLOADED, ADMITTED, EVALUATION_STARTED, EVALUATION_FINISHED, AUDIT_WRITTEN, RESPONSE_WRITTEN,
    RESPONSE_FAILED
  }

  RequestTrace NONE = (step, request) -> { };

  void on(Step step, HttpServerRequest request);
}
