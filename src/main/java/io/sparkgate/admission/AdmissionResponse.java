package io.sparkgate.admission;

import java.util.List;
import java.util.Map;

/**
 * What Sparkgate answers to one request. {@code patch} is a JSON Patch document or null;
 * audit annotation keys are the in-tree ones, mapped to webhook keys by the encoder.
 */
public record AdmissionResponse(
    String uid,
    boolean allowed,
    int code,
    String reason,
    String message,
    List<String> warnings,
    Map<String, String> auditAnnotations,
    byte[] patch) {}
