package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** spark.storageUris: every scheme:// URI an application references, in order, once. */
class StorageUrisTest {

  @Test
  void kubeflowApplication() {
    assertThat(
            SparkCel.eval(
                "spark.storageUris(object)",
                """
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: SparkApplication
                spec:
                  mainApplicationFile: s3a://apps/etl.jar
                  deps:
                    jars: [local:///opt/lib/a.jar, "https://repo.example.com/b.jar"]
                    files: [gs://conf/app.conf, /schemeless/path.conf]
                    pyFiles: [s3a://apps/helpers.zip]
                    archives: ["hdfs://nn:8020/envs/env.tar.gz#env"]
                    packages: [org.apache.hadoop:hadoop-aws:3.4.2]
                  arguments: [--input, s3a://raw/2024/, --output=abfss://curated@acct.dfs.core.windows.net/out, "42"]
                  sparkConf:
                    spark.eventLog.dir: s3a://spark-events/
                    spark.sql.warehouse.dir: s3a://warehouse/
                    spark.kubernetes.container.image: apache/spark:4.0.0
                    spark.jars: "s3a://apps/x.jar,s3a://apps/y.jar"
                    spark.sql.streaming.checkpointLocation: s3a://apps/etl.jar
                  hadoopConf:
                    fs.defaultFS: hdfs://nn:8020
                """))
        .isEqualTo(
            List.of(
                "s3a://apps/etl.jar",
                "local:///opt/lib/a.jar",
                "https://repo.example.com/b.jar",
                "gs://conf/app.conf",
                "s3a://apps/helpers.zip",
                "hdfs://nn:8020/envs/env.tar.gz#env",
                "s3a://raw/2024/",
                "abfss://curated@acct.dfs.core.windows.net/out",
                "s3a://spark-events/",
                "s3a://warehouse/",
                "s3a://apps/x.jar",
                "s3a://apps/y.jar",
                "hdfs://nn:8020"));
  }

  @Test
  void apacheApplicationWithCommaSeparatedDependencies() {
    assertThat(
            SparkCel.eval(
                "spark.storageUris(object)",
                """
                apiVersion: spark.apache.org/v1
                kind: SparkApplication
                spec:
                  jars: "local:///opt/a.jar, s3a://libs/b.jar"
                  pyFiles: s3a://apps/main.py
                  files: file:///etc/app.conf
                  driverArgs: ["/opt/spark/RELEASE", "s3a://data/"]
                  sparkConf:
                    spark.hadoop.fs.defaultFS: s3a://data
                    spark.hadoop.fs.s3a.endpoint: http://localstack:4566
                    spark.kubernetes.file.upload.path: s3a://uploads/
                """))
        .isEqualTo(
            List.of(
                "local:///opt/a.jar",
                "s3a://libs/b.jar",
                "s3a://apps/main.py",
                "file:///etc/app.conf",
                "s3a://data/",
                "s3a://data",
                "http://localstack:4566",
                "s3a://uploads/"));
  }

  @Test
  void scheduledApplicationsAreReadFromTheirTemplate() {
    assertThat(
            SparkCel.eval(
                "spark.storageUris(object)",
                """
                apiVersion: sparkoperator.k8s.io/v1beta2
                kind: ScheduledSparkApplication
                spec: {schedule: "@daily", template: {mainApplicationFile: "gs://b/app.py"}}
                """))
        .isEqualTo(List.of("gs://b/app.py"));
  }

  @Test
  void urisInsideArgumentsAndSqlAreFound() {
    assertThat(
            SparkCel.eval(
                "spark.storageUris(object)",
                SparkAppTest.kubeflowYaml(
                    """
                    arguments:
                      - "SELECT * FROM parquet.`s3a://lake/t1` JOIN delta.`s3://lake/t2`"
                      - "--jdbc=jdbc:postgresql://db:5432/app"
                      - "a=s3a://x,b=gs://y"
                      - "no uri here, just /tmp/x and s3a:/not-a-uri and ://nothing"
                    """)))
        .isEqualTo(
            List.of(
                "s3a://lake/t1",
                "s3://lake/t2",
                "jdbc:postgresql://db:5432/app",
                "s3a://x",
                "gs://y"));
  }

  @Test
  void policiesCheckSchemesAndBuckets() {
    String app =
        SparkAppTest.kubeflowYaml(
            """
            mainApplicationFile: s3a://approved/app.jar
            sparkConf: {spark.eventLog.dir: "s3a://other-bucket/events"}
            """);
    assertThat(
            SparkCel.eval(
                "spark.storageUris(object).all(u, u.startsWith('s3a://approved/'))", app))
        .isEqualTo(false);
    assertThat(
            SparkCel.eval(
                "spark.storageUris(object).filter(u, !u.startsWith('s3a://approved/'))", app))
        .isEqualTo(List.of("s3a://other-bucket/events"));
  }

  @Test
  void wrongShapesFailAndNameTheirField() {
    assertThat(
            SparkCel.error(
                "spark.storageUris(object)",
                SparkAppTest.kubeflowYaml("arguments: s3a://not-a-list")))
        .contains("spark.storageUris: spec.arguments is a string, expected a list of strings");
    assertThat(
            SparkCel.error(
                "spark.storageUris(object)",
                SparkAppTest.kubeflowYaml("deps: {jars: [[nested]]}")))
        .contains("spark.storageUris: spec.deps.jars[0] is a list, expected a string");
    assertThat(SparkCel.error("spark.storageUris(object)", "{apiVersion: v1, kind: Pod}"))
        .contains("spark.storageUris: expected a SparkApplication");
  }

  @Test
  @Timeout(10)
  void aTenMegabyteArgumentIsScannedInLinearTime() {
    String huge = "x".repeat(5_000_000) + " s3a://needle/in-haystack " + "y".repeat(5_000_000);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("arguments", List.of(huge, "/".repeat(3_000_000) + ":".repeat(3_000_000)));
    assertThat(SparkCel.evalOver("spark.storageUris(object)", SparkAppErrorsTest.kubeflowApp(spec)))
        .isEqualTo(List.of("s3a://needle/in-haystack"));
  }

  @Test
  @Timeout(10)
  void tooManyUrisFailRatherThanBeingCut() {
    List<Object> arguments = new ArrayList<>();
    for (int i = 0; i <= StorageUris.MAX_URIS; i++) {
      arguments.add("s3a://bucket/" + i);
    }
    Map<String, Object> spec = Map.of("arguments", arguments);
    assertThat(
            SparkCel.errorOver(
                "spark.storageUris(object)", SparkAppErrorsTest.kubeflowApp(spec)))
        .contains("spark.storageUris: the application references more than 10000 URIs");
  }
}
