package io.sparkgate.server;

import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.audit.AuditRecord;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.audit.PolicyOutcome;
import io.sparkgate.audit.RunCost;
import io.sparkgate.decide.DenialRelief;
import io.sparkgate.decide.PolicyResult;
import io.sparkgate.engine.Review;
import io.sparkgate.images.ImageScanIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps one decision of the engine onto the audit log's record. */
final class AuditRecords {
  private AuditRecords() {}

  static AuditRecord of(Endpoint endpoint, AdmissionRequest request, Review review, long latencyNanos, String instanceId,
      ImageScanIndex imageScans, RunCost cost) {
    AdmissionResponse response = review.response();
    List<PolicyOutcome> policies = new ArrayList<>(review.results().size());
    for (PolicyResult result : review.results()) {
      DenialRelief relief = result.relief();
      policies.add(new PolicyOutcome(result.policy(), result.binding(), result.actionWireName(),
          result.outcome().wireName(), result.message(), relief == null ? null : PolicyResult.Action.DENY.wireName(),
          relief == null ? null : relief.exception()));
    }
    return AuditRecord.builder()
        .time(Instant.now())
        .uid(request.uid())
        .endpoint(endpoint)
        .operation(request.operation())
        .kind(request.kind())
        .resource(request.resource().resource())
        .subResource(request.subResource())
        .namespace(request.namespace())
        .name(request.name())
        .user(request.username(), request.groups())
        .dryRun(request.dryRun())
        .allowed(response.allowed())
        .statusCode(response.allowed() ? 200 : Math.max(400, response.code()))
        .statusMessage(response.message())
        .policies(policies)
        .warnings(response.warnings())
        .patchPaths(review.patchPaths())
        .policySetHash(review.policySetHash())
        .latencyMicros(latencyNanos / 1000)
        .instanceId(instanceId)
        .images(ImageEvidenceOf.admitted(request, response.allowed(), imageScans))
        .cost(cost)
        .build();
  }
}
