package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spark.isSparkPod and spark.role: the spark-role label of pods Spark creates. */
class SparkPodsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{apiVersion: v1, kind: Pod, metadata: {labels: {spark-role: driver, spark-app-selector: spark-1}}}"
            + " | true  | driver",
        "{apiVersion: v1, kind: Pod, metadata: {labels: {spark-role: executor, spark-exec-id: '3'}}}"
            + " | true  | executor",
        "{metadata: {labels: {spark-role: driver}}}                       | true  | driver",
        "{apiVersion: v1, kind: Pod, metadata: {labels: {spark-role: Driver}}} | false | ''",
        "{apiVersion: v1, kind: Pod, metadata: {labels: {spark-role: shuffle}}} | false | ''",
        "{apiVersion: v1, kind: Pod, metadata: {labels: {app: web}}}      | false | ''",
        "{apiVersion: v1, kind: Pod, metadata: {name: x}}                 | false | ''",
        "{apiVersion: v1, kind: Pod}                                      | false | ''",
        "{apiVersion: apps/v1, kind: StatefulSet, metadata: {labels: {spark-role: driver}}} | false | ''",
        "{apiVersion: v1, kind: Pod, metadata: {labels: {spark-role: 1}}} | false | ''",
        "{apiVersion: v1, kind: Pod, metadata: {labels: [spark-role]}}    | false | ''",
        "null                                                             | false | ''",
        "[spark-role]                                                     | false | ''",
      })
  void sparkPodsAreLabelledDriverOrExecutor(String pod, boolean isSparkPod, String role) {
    assertThat(SparkCel.eval("spark.isSparkPod(object)", pod)).isEqualTo(isSparkPod);
    assertThat(SparkCel.eval("spark.role(object)", pod)).isEqualTo(role.equals("''") ? "" : role);
  }
}
