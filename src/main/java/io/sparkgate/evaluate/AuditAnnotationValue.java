package io.sparkgate.evaluate;

/** A value an auditAnnotation produced, under the policy's key. */
public record AuditAnnotationValue(String key, String value) {}
