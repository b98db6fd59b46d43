package io.sparkgate.spark;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workload controllers whose pod template may be a Spark driver, and where the template is. */
enum WorkloadKind {
  DEPLOYMENT("Deployment", List.of("spec", "template")),
  STATEFUL_SET("StatefulSet", List.of("spec", "template")),
  JOB("Job", List.of("spec", "template")),
  CRON_JOB("CronJob", List.of("spec", "jobTemplate", "spec", "template"));

  private final String kind;
  private final List<String> path;

  WorkloadKind(String kind, List<String> path) {
    this.kind = kind;
    this.path = path;
  }

  static Optional<WorkloadKind> named(Object kind) {
    for (WorkloadKind workload : values()) {
      if (workload.kind.equals(kind)) {
        return Optional.of(workload);
      }
    }
    return Optional.empty();
  }

  /** {@code spec.template} or, for a CronJob, {@code spec.jobTemplate.spec.template}. */
  String templatePath() {
    return String.join(".", path);
  }

  Optional<Map<?, ?>> podTemplate(Map<?, ?> object) {
    Object current = object;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      current = map.get(key);
    }
    return current instanceof Map<?, ?> template ? Optional.of(template) : Optional.empty();
  }
}
