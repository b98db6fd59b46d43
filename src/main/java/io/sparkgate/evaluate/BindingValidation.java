package io.sparkgate.evaluate;

import io.sparkgate.policy.CompiledValidatingBinding;
import java.util.List;

/**
 * What one ValidatingAdmissionPolicy binding (with one param object, when it has params) decided
 * about a request: a decision per validation (one MISCONFIGURED decision when the binding could not
 * be set up, none when its matchConditions excluded the request), its audit annotations, and the
 * errors of the annotations under failurePolicy Fail.
 */
public record BindingValidation(
    CompiledValidatingBinding binding,
    String paramName,
    List<PolicyDecision> decisions,
    List<AuditAnnotationValue> auditAnnotations,
    List<PolicyDecision> annotationErrors) {}
