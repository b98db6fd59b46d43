package io.sparkgate.spark;

import java.util.Map;
import java.util.Optional;

/**
 * A Spark application object recognised: which operator, where its application spec is, its
 * language and its Spark configuration.
 *
 * <ul>
 *   <li>{@code sparkoperator.k8s.io/v1beta2} {@code SparkApplication}: the spec is {@code spec};
 *   <li>{@code sparkoperator.k8s.io/v1beta2} {@code ScheduledSparkApplication}: {@code
 *       spec.template};
 *   <li>{@code spark.apache.org/*} {@code SparkApplication}: {@code spec}.
 * </ul>
 */
final class SparkAppObject {

  static final String KUBEFLOW_GROUP = "sparkoperator.k8s.io";
  static final String KUBEFLOW_VERSION = "v1beta2";
  static final String APACHE_GROUP = "spark.apache.org";

  private final SparkOperator operator;
  private final Map<?, ?> spec;
  private final String specPath;
  private final SparkAppType type;
  private final SparkConfEntries conf;
  private final Map<?, ?> scheduledSpec;

  private SparkAppObject(SparkOperator operator, Map<?, ?> spec, String specPath) {
    this(operator, spec, specPath, null);
  }

  private SparkAppObject(
      SparkOperator operator, Map<?, ?> spec, String specPath, Map<?, ?> scheduledSpec) {
    this.scheduledSpec = scheduledSpec;
    this.operator = operator;
    this.spec = spec;
    this.specPath = specPath;
    this.type = readType();
    this.conf = SparkConfEntries.read(spec, specPath, operator == SparkOperator.KUBEFLOW);
  }

  /** Recognises the object, or fails saying what was expected. */
  static SparkAppObject of(Object object) {
    if (!(object instanceof Map<?, ?> map)) {
      throw notAnApplication("got " + JsonTypes.typeName(object));
    }
    String apiVersion = JsonTypes.string(map, "apiVersion", "apiVersion").orElse("");
    String kind = JsonTypes.string(map, "kind", "kind").orElse("");
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    Map<?, ?> spec = JsonTypes.map(map, "spec", "spec").orElse(Map.of());
    if (group.equals(KUBEFLOW_GROUP) && version.equals(KUBEFLOW_VERSION)) {
      if (kind.equals("SparkApplication")) {
        return new SparkAppObject(SparkOperator.KUBEFLOW, spec, "spec");
      }
      if (kind.equals("ScheduledSparkApplication")) {
        Map<?, ?> template = JsonTypes.map(spec, "template", "spec.template").orElse(Map.of());
        return new SparkAppObject(SparkOperator.KUBEFLOW, template, "spec.template", spec);
      }
    }
    if (group.equals(APACHE_GROUP) && kind.equals("SparkApplication")) {
      return new SparkAppObject(SparkOperator.APACHE, spec, "spec");
    }
    throw notAnApplication(
        "got apiVersion " + ValueText.quote(apiVersion) + ", kind " + ValueText.quote(kind));
  }

  SparkOperator operator() {
    return operator;
  }

  SparkAppType type() {
    return type;
  }

  SparkConfEntries conf() {
    return conf;
  }

  /** The schedule of a ScheduledSparkApplication; empty for a SparkApplication. */
  Optional<SparkSchedule> schedule() {
    if (scheduledSpec == null) {
      return Optional.empty();
    }
    String schedule =
        JsonTypes.string(scheduledSpec, "schedule", "spec.schedule")
            .orElseThrow(() -> new SparkValueException("spec.schedule is missing"));
    String zone = JsonTypes.string(scheduledSpec, "timeZone", "spec.timeZone").orElse("");
    return Optional.of(SparkSchedule.parse(schedule, zone, "spec.schedule"));
  }

  Map<?, ?> spec() {
    return spec;
  }

  /** The path of a spec field in messages: {@code spec.template.driver.cores}. */
  String field(String relativePath) {
    return specPath + "." + relativePath;
  }

  /**
   * A kubeflow spec field such as {@code driver.cores}; always empty for the Apache operator,
   * whose spec has no sizing fields.
   */
  Optional<Setting> specField(String section, String key) {
    if (operator != SparkOperator.KUBEFLOW) {
      return Optional.empty();
    }
    Optional<Map<?, ?>> parent =
        section.isEmpty()
            ? Optional.of(spec)
            : JsonTypes.map(spec, section, field(section));
    String path = section.isEmpty() ? key : section + "." + key;
    return parent
        .flatMap(map -> JsonTypes.value(map, key))
        .map(value -> new Setting(field(path), value));
  }

  private SparkAppType readType() {
    if (operator == SparkOperator.APACHE) {
      if (hasText("pyFiles")) {
        return SparkAppType.PYTHON;
      }
      return hasText("sparkRFiles") ? SparkAppType.R : SparkAppType.JAVA;
    }
    Optional<String> name = JsonTypes.string(spec, "type", field("type"));
    if (name.isEmpty()) {
      return SparkAppType.SCALA; // the kubeflow operator's default
    }
    return SparkAppType.named(name.get())
        .orElseThrow(
            () ->
                new SparkValueException(
                    field("type")
                        + " "
                        + ValueText.quote(name.get())
                        + " is not a Spark application type: use Scala, Java, Python or R"));
  }

  private boolean hasText(String key) {
    return JsonTypes.string(spec, key, field(key)).filter(text -> !text.isBlank()).isPresent();
  }

  private static SparkValueException notAnApplication(String got) {
    return new SparkValueException(
        "expected a SparkApplication (sparkoperator.k8s.io/v1beta2 or spark.apache.org) or a"
            + " ScheduledSparkApplication (sparkoperator.k8s.io/v1beta2), "
            + got);
  }
}
