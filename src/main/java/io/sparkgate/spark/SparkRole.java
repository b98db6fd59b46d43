package io.sparkgate.spark;

/** The two kinds of Spark pods, and the configuration keys named after them. */
enum SparkRole {
  DRIVER("driver"),
  EXECUTOR("executor");

  private final String name;

  SparkRole(String name) {
    this.name = name;
  }

  /** {@code driver} or {@code executor}: the spec section and the {@code spark-role} label. */
  String label() {
    return name;
  }

  /** {@code spark.driver.<suffix>} or {@code spark.executor.<suffix>}. */
  String key(String suffix) {
    return "spark." + name + "." + suffix;
  }

  /** {@code spark.kubernetes.driver.<suffix>} or {@code spark.kubernetes.executor.<suffix>}. */
  String kubernetesKey(String suffix) {
    return "spark.kubernetes." + name + "." + suffix;
  }
}
