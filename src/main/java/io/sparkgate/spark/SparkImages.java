package io.sparkgate.spark;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every container image a Spark application or pod runs, the value of {@code spark.images(object)},
 * in the order found and without duplicates:
 *
 * <ul>
 *   <li>a pod: the images of {@code spec.containers}, {@code spec.initContainers} and {@code
 *       spec.ephemeralContainers};
 *   <li>a kubeflow application (or a ScheduledSparkApplication's template): {@code image}, {@code
 *       driver.image}, {@code executor.image}, their {@code initContainers} and {@code sidecars},
 *       and the containers of their pod {@code template}s;
 *   <li>an Apache operator application: the containers of {@code driverSpec.podTemplateSpec} and
 *       {@code executorSpec.podTemplateSpec};
 *   <li>both operators: the {@code spark.kubernetes.container.image}, {@code
 *       spark.kubernetes.driver.container.image} and {@code spark.kubernetes.executor.container.image}
 *       values of {@code sparkConf}.
 * </ul>
 */
public final class SparkImages {
  private static final List<String> CONF_KEYS = List.of("spark.kubernetes.container.image",
      "spark.kubernetes.driver.container.image", "spark.kubernetes.executor.container.image");
  private static final List<String> POD_CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");
  private static final List<String> ROLE_CONTAINER_LISTS = List.of("initContainers", "sidecars");

  private final Set<String> images = new LinkedHashSet<>();

  private SparkImages() {}

  /**
   * The images of a Spark application or a pod.
   *
   * @throws SparkValueException when an image field is not a string or the object is neither
   */
  public static List<String> of(Object object) {
    SparkImages collector = new SparkImages();
    if (object instanceof Map<?, ?> map && "Pod".equals(map.get("kind"))) {
      collector.podSpec(JsonTypes.map(map, "spec", "spec").orElse(Map.of()), "spec");
    } else {
      collector.application(SparkAppObject.of(object));
    }
    return List.copyOf(collector.images);
  }

  private void application(SparkAppObject app) {
    Map<?, ?> spec = app.spec();
    if (app.operator() == SparkOperator.KUBEFLOW) {
      image(spec, "image", app.field("image"));
      for (String role : List.of("driver", "executor")) {
        Optional<Map<?, ?>> section = JsonTypes.map(spec, role, app.field(role));
        if (section.isEmpty()) {
          continue;
        }
        image(section.get(), "image", app.field(role + ".image"));
        for (String list : ROLE_CONTAINER_LISTS) {
          containers(section.get(), list, app.field(role + "." + list));
        }
        JsonTypes.map(section.get(), "template", app.field(role + ".template"))
            .flatMap(template -> JsonTypes.map(template, "spec", app.field(role + ".template.spec")))
            .ifPresent(podSpec -> podSpec(podSpec, app.field(role + ".template.spec")));
      }
    } else {
      for (String role : List.of("driverSpec", "executorSpec")) {
        String at = role + ".podTemplateSpec.spec";
        JsonTypes.map(spec, role, app.field(role))
            .flatMap(section -> JsonTypes.map(section, "podTemplateSpec", app.field(role + ".podTemplateSpec")))
            .flatMap(template -> JsonTypes.map(template, "spec", app.field(at)))
            .ifPresent(podSpec -> podSpec(podSpec, app.field(at)));
      }
    }
    for (String key : CONF_KEYS) {
      app.conf().get(key).ifPresent(setting -> add(setting.value(), setting.field()));
    }
  }

  private void podSpec(Map<?, ?> podSpec, String at) {
    for (String list : POD_CONTAINER_LISTS) {
      containers(podSpec, list, at + "." + list);
    }
  }

  private void containers(Map<?, ?> parent, String key, String field) {
    Optional<Object> value = JsonTypes.value(parent, key);
    if (value.isEmpty()) {
      return;
    }
    if (!(value.get() instanceof List<?> list)) {
      throw new SparkValueException(field + " is " + JsonTypes.typeName(value.get()) + ", expected a list of containers");
    }
    int index = 0;
    for (Object container : list) {
      String at = field + "[" + index++ + "]";
      if (!(container instanceof Map<?, ?> map)) {
        throw new SparkValueException(at + " is " + JsonTypes.typeName(container) + ", expected a container");
      }
      image(map, "image", at + ".image");
    }
  }

  private void image(Map<?, ?> parent, String key, String field) {
    JsonTypes.value(parent, key).ifPresent(value -> add(value, field));
  }

  private void add(Object value, String field) {
    if (!(value instanceof String text)) {
      throw new SparkValueException(field + " is " + JsonTypes.typeName(value) + ", expected an image name");
    }
    if (!text.isBlank()) {
      images.add(text);
    }
  }
}
