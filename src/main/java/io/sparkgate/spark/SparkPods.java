package io.sparkgate.spark;

import java.util.Map;

/**
 * Pods that Spark creates carry the label {@code spark-role}: {@code driver} or {@code executor}.
 * Anything else (another kind, no labels, another role value) is not a Spark pod.
 */
public final class SparkPods {

  public static final String ROLE_LABEL = "spark-role";

  private SparkPods() {}

  /** {@code driver}, {@code executor}, or the empty string for anything else. */
  public static String role(Object object) {
    if (!(object instanceof Map<?, ?> pod) || !isPodOrUnknownKind(pod)) {
      return "";
    }
    if (!(pod.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("labels") instanceof Map<?, ?> labels)
        || !(labels.get(ROLE_LABEL) instanceof String role)) {
      return "";
    }
    for (SparkRole known : SparkRole.values()) {
      if (known.label().equals(role)) {
        return role;
      }
    }
    return "";
  }

  public static boolean isSparkPod(Object object) {
    return !role(object).isEmpty();
  }

  /** A bare pod without apiVersion/kind (as in some tests and templates) is read as a pod. */
  private static boolean isPodOrUnknownKind(Map<?, ?> object) {
    Object kind = object.get("kind");
    return JsonTypes.isNull(kind) || "Pod".equals(kind);
  }
}
