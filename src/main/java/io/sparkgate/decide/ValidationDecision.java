package io.sparkgate.decide;

import java.util.List;
import java.util.Map;

/**
 * The validating phase's answer. On a denial, {@code message} holds every denial in the
 * Kubernetes text, the first first, and {@code code}/{@code reason} are the first one's.
 * Audit annotation keys are the in-tree ones ({@code <policy>/<key>},
 * {@code validation.policy.admission.k8s.io/validation_failure}).
 */
public record ValidationDecision(
    boolean allowed,
    int code,
    String reason,
    String message,
    List<String> warnings,
    Map<String, String> auditAnnotations,
    List<PolicyResult> results) {}
