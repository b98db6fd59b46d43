package io.sparkgate.lint;

import dev.cel.common.types.CelType;

/** A kind whose schema is known: its group, version and name, and the CEL type of its objects. */
record KindSchema(String group, String version, String kind, CelType type) {
  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** As messages name it: {@code SparkApplication (sparkoperator.k8s.io/v1beta2)}. */
  String description() {
    return kind + " (" + apiVersion() + ")";
  }
}
