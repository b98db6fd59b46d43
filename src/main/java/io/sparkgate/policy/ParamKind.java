package io.sparkgate.policy;

/** The kind of a policy's parameters, e.g. {@code v1 ConfigMap}. */
public record ParamKind(String apiVersion, String kind) {
  @Override
  public String toString() {
    return apiVersion + ", Kind=" + kind;
  }
}
