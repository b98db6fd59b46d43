package io.sparkgate.spark;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resources a kubeflow pod template ({@code spec.driver.template}, {@code spec.executor.template})
 * gives the Spark container. Spark overwrites the template's CPU request and memory with its own
 * settings, but keeps a CPU limit it does not set itself: with no coreLimit anywhere, the
 * template's {@code limits.cpu} is the one the pod runs with.
 */
final class PodTemplateResources {

  private static final Map<SparkRole, String> CONTAINER_NAMES =
      Map.of(
          SparkRole.DRIVER, "spark-kubernetes-driver",
          SparkRole.EXECUTOR, "spark-kubernetes-executor");

  private PodTemplateResources() {}

  /** The template's CPU limit of the Spark container, with its field; empty without one. */
  static Optional<Setting> cpuLimit(SparkAppObject app, SparkRole role) {
    if (app.operator() != SparkOperator.KUBEFLOW
        || !(app.spec().get(role.label()) instanceof Map<?, ?> section)
        || !(section.get("template") instanceof Map<?, ?> template)
        || !(template.get("spec") instanceof Map<?, ?> podSpec)
        || !(podSpec.get("containers") instanceof List<?> containers)
        || containers.isEmpty()) {
      return Optional.empty();
    }
    int index = sparkContainer(containers, CONTAINER_NAMES.get(role));
    if (containers.get(index) instanceof Map<?, ?> container
        && container.get("resources") instanceof Map<?, ?> resources
        && resources.get("limits") instanceof Map<?, ?> limits
        && limits.get("cpu") != null
        && !JsonTypes.isNull(limits.get("cpu"))) {
      String field =
          app.field(role.label() + ".template.spec.containers[" + index + "].resources.limits.cpu");
      return Optional.of(new Setting(field, limits.get("cpu")));
    }
    return Optional.empty();
  }

  /** The container the operator names for Spark, else the first, as Spark picks it. */
  private static int sparkContainer(List<?> containers, String name) {
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i) instanceof Map<?, ?> container && name.equals(container.get("name"))) {
        return i;
      }
    }
    return 0;
  }
}
