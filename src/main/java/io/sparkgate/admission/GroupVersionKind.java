package io.sparkgate.admission;

import java.util.Objects;

/** An API kind as the AdmissionReview names it; the core group is "". */
public record GroupVersionKind(String group, String version, String kind) {
  public GroupVersionKind {
    group = Objects.requireNonNullElse(group, "");
    version = Objects.requireNonNullElse(version, "");
    kind = Objects.requireNonNullElse(kind, "");
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code apiVersion/Kind}, e.g. {@code sparkoperator.k8s.io/v1beta2/SparkApplication} or {@code v1/Pod}. */
  public String qualifiedName() {
    return apiVersion() + "/" + kind;
  }
}
