package io.sparkgate.evaluate;

import io.sparkgate.policy.CompiledBinding;
import java.util.List;

/**
 * Everything one binding (with one param object, when it has params) decided about a request.
 * {@code configurationError} is set when the binding could not be evaluated at all.
 */
public record BindingEvaluation(
    CompiledBinding binding,
    String paramName,
    List<PolicyDecision> decisions,
    List<AuditAnnotationValue> auditAnnotations,
    List<PolicyDecision> annotationErrors) {}
