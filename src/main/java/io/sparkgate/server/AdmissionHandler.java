package io.sparkgate.server;

import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.admission.AdmissionReviewEncoder;
import io.sparkgate.admission.InvalidReviewException;
import io.sparkgate.engine.AdmissionEngine;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.Review;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.metrics.AdmissionMetrics;
import io.sparkgate.policy.PolicySetHolder;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POST /validate and /mutate: HTTP in, engine call, HTTP out. No policy logic here. */
final class AdmissionHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);

  private final String endpoint;
  private final Phase phase;
  private final AdmissionEngine engine;
  private final PolicySetHolder policies;
  private final AdmissionReviewDecoder decoder;
  private final AdmissionReviewEncoder encoder;
  private final AdmissionMetrics metrics;

  AdmissionHandler(String endpoint, Phase phase, AdmissionEngine engine, PolicySetHolder policies,
      AdmissionReviewDecoder decoder, AdmissionMetrics metrics) {
    this.endpoint = endpoint;
    this.phase = phase;
    this.engine = engine;
    this.policies = policies;
    this.decoder = decoder;
    this.encoder = new AdmissionReviewEncoder(decoder.mapper());
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext context) {
    long start = System.nanoTime();
    String contentType = context.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      HttpErrors.send(context, 415, "Content-Type must be application/json, got " + (contentType == null ? "none" : "\"" + contentType + "\""));
      return;
    }
    Buffer body = context.body().buffer();
    AdmissionRequest request;
    try {
      request = decoder.decode(body == null ? new byte[0] : body.getBytes());
    } catch (InvalidReviewException e) {
      metrics.record(endpoint, "invalid", "invalid", "rejected", System.nanoTime() - start);
      HttpErrors.send(context, e.status(), e.getMessage());
      return;
    }
    AdmissionResponse response;
    try {
      Review review = engine.review(request, policies.current(), phase, Explainer.NONE);
      response = review.response();
    } catch (RuntimeException | StackOverflowError e) {
      LOG.error("uid={} internal error evaluating the request", request.uid(), e);
      response = new AdmissionResponse(request.uid(), false, 500, "InternalError",
          "Sparkgate could not evaluate the request: internal error " + e.getClass().getSimpleName(),
          List.of(), Map.of(), null);
    }
    byte[] encoded = encoder.encode(response);
    metrics.record(endpoint, request.kind().kind(), request.operation(),
        response.allowed() ? "allowed" : "denied", System.nanoTime() - start);
    if (LOG.isDebugEnabled()) {
      LOG.debug("uid={} {} {} {}/{} allowed={}", request.uid(), endpoint, request.operation(),
          request.namespace(), request.name(), response.allowed());
    }
    context.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(encoded));
  }
}
