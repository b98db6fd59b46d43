package io.sparkgate.admission;

/** An API resource as the AdmissionReview names it; the core group is "". */
public record GroupVersionResource(String group, String version, String resource) {}
