package io.sparkgate.admission;

/** An API kind as the AdmissionReview names it; the core group is "". */
public record GroupVersionKind(String group, String version, String kind) {
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
