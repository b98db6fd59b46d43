package io.sparkgate.spark;

import java.util.Map;
import java.util.Optional;

/**
 * Spark pods, and the pod templates of workload controllers that run a Spark driver.
 *
 * <p>Pods that Spark creates carry the label {@code spark-role}: {@code driver} or {@code
 * executor}. A Deployment, StatefulSet, Job or CronJob runs a Spark driver when its pod template
 * is labelled {@code spark-role: driver} or {@code app.kubernetes.io/component: spark-driver}, or
 * when a container starts a Spark Connect server ({@code start-connect-server.sh} or the class
 * {@code SparkConnectServer} in its command or arguments). Anything else is not Spark's.
 */
public final class SparkPods {

  public static final String ROLE_LABEL = "spark-role";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String DRIVER_COMPONENT = "spark-driver";

  private SparkPods() {}

  /** The label selector of Spark's pods, as the API server's {@code labelSelector} parameter writes it. */
  public static String podSelector() {
    StringBuilder roles = new StringBuilder();
    for (SparkRole role : SparkRole.values()) {
      roles.append(roles.length() == 0 ? "" : ",").append(role.label());
    }
    return ROLE_LABEL + " in (" + roles + ")";
  }

  /** {@code driver}, {@code executor}, or the empty string for anything else. */
  public static String role(Object object) {
    if (!(object instanceof Map<?, ?> map)) {
      return "";
    }
    Object kind = map.get("kind");
    if (JsonTypes.isNull(kind) || "Pod".equals(kind)) {
      return podRole(map);
    }
    return WorkloadKind.named(kind)
        .flatMap(workload -> workload.podTemplate(map))
        .map(SparkPods::templateRole)
        .orElse("");
  }

  public static boolean isSparkPod(Object object) {
    return !role(object).isEmpty();
  }

  /**
   * The pod an object describes, as a map with {@code metadata} and {@code spec}: a Pod itself,
   * or the pod template of a Deployment, StatefulSet, Job or CronJob. Policies written against
   * {@code spark.pod(object).spec} check pods and workload controllers alike.
   */
  public static Map<?, ?> pod(Object object) {
    if (!(object instanceof Map<?, ?> map)) {
      throw new SparkValueException(
          "expected a Pod, Deployment, StatefulSet, Job or CronJob, got "
              + JsonTypes.typeName(object));
    }
    Object kind = map.get("kind");
    if (JsonTypes.isNull(kind) || "Pod".equals(kind)) {
      return map;
    }
    WorkloadKind workload =
        WorkloadKind.named(kind)
            .orElseThrow(
                () ->
                    new SparkValueException(
                        "expected a Pod, Deployment, StatefulSet, Job or CronJob, got kind "
                            + ValueText.quote(String.valueOf(kind))));
    return workload
        .podTemplate(map)
        .orElseThrow(
            () -> new SparkValueException(workload.templatePath() + " is not set"));
  }

  private static String podRole(Map<?, ?> pod) {
    String role = label(pod, ROLE_LABEL).orElse("");
    for (SparkRole known : SparkRole.values()) {
      if (known.label().equals(role)) {
        return role;
      }
    }
    return "";
  }

  /** Workload controllers run drivers (a Spark Connect server, a client-mode job), never executors. */
  private static String templateRole(Map<?, ?> template) {
    boolean driver =
        label(template, ROLE_LABEL).filter(SparkRole.DRIVER.label()::equals).isPresent()
            || label(template, COMPONENT_LABEL).filter(DRIVER_COMPONENT::equals).isPresent()
            || SparkConnectCommand.startsServer(template);
    return driver ? SparkRole.DRIVER.label() : "";
  }

  private static Optional<String> label(Map<?, ?> object, String key) {
    if (object.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("labels") instanceof Map<?, ?> labels
        && labels.get(key) instanceof String value) {
      return Optional.of(value);
    }
    return Optional.empty();
  }
}
