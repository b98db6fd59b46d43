package io.sparkgate.spark;

/** Which operator's SparkApplication an object is. */
enum SparkOperator {
  /** {@code sparkoperator.k8s.io/v1beta2}: sizing in spec fields, sparkConf as fallback. */
  KUBEFLOW("kubeflow"),
  /** {@code spark.apache.org/*}: sizing only through {@code spec.sparkConf}. */
  APACHE("apache");

  private final String text;

  SparkOperator(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }
}
