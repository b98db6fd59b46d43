package io.sparkgate.evaluate;

import io.sparkgate.policy.CompiledValidatingBinding;
import java.util.List;

/**
 * Everything one binding (with one param object, when it has params) decided about a request.
 * {@code configurationError} is set when the binding could not be evaluated at all.
 */
public record BindingEvaluation(
    CompiledValidatingBinding binding,
    String paramName,
    List<PolicyDecision> decisions,
    List<AuditAnnotationValue> auditAnnotations,
    List<PolicyDecision> annotationErrors) {}
