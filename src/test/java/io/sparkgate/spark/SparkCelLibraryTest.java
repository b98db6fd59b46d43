package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The library as the engine sees it: declared names, types the checker knows. */
class SparkCelLibraryTest {

  @Test
  void functionNamesForLintPortable() {
    assertThat(SparkCelLibrary.functionNames())
        .containsExactly(
            "spark.app",
            "spark.cost",
            "spark.imageDigest",
            "spark.imageScan",
            "spark.images",
            "spark.isSparkPod",
            "spark.memoryBytes",
            "spark.micros",
            "spark.millicores",
            "spark.money",
            "spark.pod",
            "spark.role",
            "spark.storageUris");
  }

  @Test
  void resultTypesAreCheckedAtCompileTime() {
    assertThat(SparkCel.compiles("spark.memoryBytes('1g') + 1 > 0")).isTrue();
    assertThat(SparkCel.compiles("spark.millicores('1') + 1 > 0")).isTrue();
    assertThat(SparkCel.compiles("spark.storageUris(object).all(u, u.startsWith('s3a://'))"))
        .isTrue();
    assertThat(SparkCel.compiles("spark.role(object) == 'driver' && spark.isSparkPod(object)"))
        .isTrue();
    assertThat(SparkCel.compiles("spark.app(object).executor.instances > 1")).isTrue();
    assertThat(SparkCel.compiles("spark.memoryBytes('1g') == 'x'")).isFalse();
    assertThat(SparkCel.compiles("spark.isSparkPod(object) + 1")).isFalse();
    assertThat(SparkCel.compiles("spark.unknown(object)")).isFalse();
  }

  @Test
  void nullFieldsOfTheViewAreCelNulls() {
    String app = "{apiVersion: sparkoperator.k8s.io/v1beta2, kind: SparkApplication}";
    assertThat(SparkCel.eval("spark.app(object).maxExecutors == null", app)).isEqualTo(true);
    assertThat(SparkCel.eval("spark.app(object).driver.coreLimitMillis == null", app))
        .isEqualTo(true);
    assertThat(
            SparkCel.eval(
                "spark.app(object).driver.coreLimitMillis == null"
                    + " || spark.app(object).driver.coreLimitMillis <= 4000",
                app))
        .isEqualTo(true);
  }
}
