package io.sparkgate.server;

import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.admission.AdmissionReviewEncoder;
import io.sparkgate.admission.InvalidReviewException;
import io.sparkgate.audit.AuditLog;
import io.sparkgate.audit.AuditReceipt;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.audit.RunCost;
import io.sparkgate.audit.ThrottledLog;
import io.sparkgate.engine.AdmissionEngine;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.Review;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.metrics.AdmissionMetrics;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetHolder;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * POST /validate and /mutate: HTTP in, engine call (on a worker), audit record, HTTP out. No
 * policy logic here. The response is sent only once the audit record has reached the operating
 * system.
 */
final class AdmissionHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);
  private static final ThrottledLog AUDIT_FAILURES = new ThrottledLog(LOG);

  private final Endpoint endpoint;
  private final Phase phase;
  private final AdmissionEngine engine;
  private final PolicySetHolder policies;
  private final AdmissionReviewDecoder decoder;
  private final AdmissionReviewEncoder encoder;
  private final AdmissionMetrics metrics;
  private final AuditLog audit;
  private final String instanceId;
  private final WorkerExecutor workers;

  AdmissionHandler(Endpoint endpoint, Phase phase, AdmissionEngine engine, PolicySetHolder policies,
      AdmissionReviewDecoder decoder, AdmissionMetrics metrics, AuditLog audit, String instanceId,
      WorkerExecutor workers) {
    this.workers = workers;
    this.endpoint = endpoint;
    this.phase = phase;
    this.engine = engine;
    this.policies = policies;
    this.decoder = decoder;
    this.encoder = new AdmissionReviewEncoder(decoder.mapper());
    this.metrics = metrics;
    this.audit = audit;
    this.instanceId = instanceId;
  }

  @Override
  public void handle(RoutingContext context) {
    long start = System.nanoTime();
    String contentType = context.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      HttpErrors.send(context, 415, "Content-Type must be application/json, got "
          + (contentType == null ? "none" : "\"" + contentType + "\""));
      return;
    }
    Buffer body = context.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    // Decoding and evaluating run on a worker, so that a slow policy or a large body never holds
    // an event loop: the event loops keep accepting, reading and answering other requests.
    workers.executeBlocking(() -> decideOffLoop(bytes, start), false).onComplete(done -> {
      if (done.failed()) {
        LOG.error("internal error answering an admission request", done.cause());
        HttpErrors.send(context, 500, "internal error");
      } else if (done.result() instanceof Invalid invalid) {
        metrics.record(endpoint.wireName(), "invalid", "invalid", "rejected", System.nanoTime() - start);
        HttpErrors.send(context, invalid.status(), invalid.reason());
      } else {
        Decided decided = (Decided) done.result();
        answer(context, decided, start);
      }
    });
  }

  /** What a worker found: a body that is not a usable AdmissionReview, or the engine's decision. */
  private sealed interface Outcome permits Invalid, Decided {}

  private record Invalid(int status, String reason) implements Outcome {}

  /** {@code recorded} is null when auditing is off; {@code cost} when nothing was priced. */
  private record Decided(AdmissionRequest request, Review review, CompletableFuture<AuditReceipt> recorded,
      RunCost cost) implements Outcome {}

  private Outcome decideOffLoop(byte[] bytes, long start) {
    AdmissionRequest request;
    try {
      request = decoder.decode(bytes);
    } catch (InvalidReviewException e) {
      return new Invalid(e.status(), e.getMessage());
    }
    MDC.put("uid", request.uid());
    try {
      PolicySet set = policies.current();
      Review review = evaluate(request, set);
      RunCost cost = RunCostOf.admitted(request, review.response());
      // the audit record is encoded and queued here, off the event loop
      CompletableFuture<AuditReceipt> recorded = audit == null ? null : audit.appendForResponse(
          AuditRecords.of(endpoint, request, review, System.nanoTime() - start, instanceId, set.imageScans(), cost));
      return new Decided(request, review, recorded, cost);
    } finally {
      MDC.remove("uid");
    }
  }

  private void answer(RoutingContext context, Decided decided, long start) {
    AdmissionRequest request = decided.request();
    AdmissionResponse response = decided.review().response();
    if (decided.recorded() == null) {
      countCost(decided, response);
      send(context, request, response, start);
      return;
    }
    Context eventLoop = Vertx.currentContext();
    decided.recorded().whenComplete((receipt, error) -> eventLoop.runOnContext(ignored -> {
      AdmissionResponse answered = afterAudit(request, response, receipt, error);
      countCost(decided, answered);
      send(context, request, answered, start);
    }));
  }

  /**
   * An admitted run (not a dry run) adds its estimate to the cost counters. A
   * ScheduledSparkApplication is not a run: the operator creates a SparkApplication for each of its
   * runs, and those are counted as they are admitted.
   */
  private void countCost(Decided decided, AdmissionResponse answered) {
    RunCost cost = decided.cost();
    if (cost == null || cost.scheduled() || !answered.allowed() || decided.request().dryRun()) {
      return;
    }
    if (cost.bounded()) {
      metrics.cost().recordEstimate(cost.costCenter(), cost.currency(), cost.perRunMicros());
    } else {
      metrics.cost().recordUnbounded(cost.costCenter());
    }
  }

  private Review evaluate(AdmissionRequest request, PolicySet set) {
    try {
      Review review = engine.review(request, set, phase, Explainer.NONE);
      metrics.recordEvaluations(review.results());
      return review;
    } catch (RuntimeException | StackOverflowError e) {
      LOG.error("internal error evaluating the request", e);
      AdmissionResponse failed = new AdmissionResponse(request.uid(), false, 500, "InternalError",
          "Sparkgate could not evaluate the request: internal error " + e.getClass().getSimpleName(),
          List.of(), Map.of(), null);
      return new Review(failed, List.of(), set.hash());
    }
  }

  /** With fail-closed auditing, a decision that could not be recorded becomes a denial that says so. */
  private static AdmissionResponse afterAudit(
      AdmissionRequest request, AdmissionResponse decided, AuditReceipt receipt, Throwable error) {
    if (error == null && (receipt == null || !receipt.denyRequest())) {
      return decided;
    }
    String why = error != null ? String.valueOf(error.getMessage()) : receipt.failureMessage();
    AUDIT_FAILURES.error("uid={} decision not recorded in the audit log, request denied: {}", request.uid(), why);
    return new AdmissionResponse(request.uid(), false, 503, "ServiceUnavailable",
        "Sparkgate denied the request because its decision could not be written to the audit log: " + why,
        List.of(), Map.of(), null);
  }

  private void send(RoutingContext context, AdmissionRequest request, AdmissionResponse response, long start) {
    byte[] encoded = encoder.encode(response);
    metrics.record(endpoint.wireName(), request.kind().kind(), request.operation(),
        response.allowed() ? "allowed" : "denied", System.nanoTime() - start);
    if (LOG.isDebugEnabled()) {
      LOG.debug("uid={} {} {} {}/{} allowed={}", request.uid(), endpoint.wireName(), request.operation(),
          request.namespace(), request.name(), response.allowed());
    }
    if (!context.response().ended() && !context.response().closed()) {
      context.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(encoded));
    }
  }
}
