package io.sparkgate.audit;

import java.util.Objects;

/** Kubernetes group/version/kind of the admitted object; the core group is the empty string. */
public record GroupVersionKind(String group, String version, String kind) {
  public GroupVersionKind {
    group = Objects.requireNonNullElse(group, "");
    version = Objects.requireNonNullElse(version, "");
    kind = Objects.requireNonNullElse(kind, "");
  }

  /** {@code apiVersion/Kind}, e.g. {@code sparkoperator.k8s.io/v1beta2/SparkApplication} or {@code v1/Pod}. */
  public String qualifiedName() {
    return (group.isEmpty() ? "" : group + "/") + version + "/" + kind;
  }
}
