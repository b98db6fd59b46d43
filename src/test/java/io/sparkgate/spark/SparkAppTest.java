package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.NullValue;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** spark.app: one sizing view for kubeflow, scheduled and Apache operator applications. */
class SparkAppTest {

  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  private static final String KUBEFLOW_PI =
      """
      apiVersion: sparkoperator.k8s.io/v1beta2
      kind: SparkApplication
      metadata: {name: pi, namespace: team-a}
      spec:
        type: Scala
        mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
        driver: {cores: 1, coreLimit: 1200m, memory: 512m}
        executor: {instances: 3, cores: 2, coreRequest: "0.5", memory: 4g}
      """;

  @Test
  void kubeflowApplicationSizing() {
    Map<String, Object> app = app(KUBEFLOW_PI);
    assertThat(app.get("operator")).isEqualTo("kubeflow");
    assertThat(app.get("type")).isEqualTo("Scala");
    assertThat(role(app, "driver"))
        .containsEntry("cores", 1L)
        .containsEntry("coresSet", true)
        .containsEntry("coreLimitMillis", 1200L)
        .containsEntry("coreRequestMillis", NullValue.NULL_VALUE)
        .containsEntry("memoryBytes", 512 * MIB)
        .containsEntry("memorySet", true)
        .containsEntry("overheadBytes", 384 * MIB) // 10% of 512 MiB is below the floor
        .containsEntry("containerMemoryBytes", 896 * MIB);
    assertThat(role(app, "executor"))
        .containsEntry("cores", 2L)
        .containsEntry("coreLimitMillis", NullValue.NULL_VALUE)
        .containsEntry("coreRequestMillis", 500L)
        .containsEntry("memoryBytes", 4 * GIB)
        .containsEntry("overheadBytes", 409 * MIB) // 0.1 × 4096 MiB, truncated to whole MiB
        .containsEntry("containerMemoryBytes", (4096 + 409) * MIB)
        .containsEntry("instances", 3L)
        .containsEntry("instancesSet", true);
    assertThat(app.get("dynamicAllocation")).isEqualTo(false);
    assertThat(app.get("maxExecutors")).isEqualTo(NullValue.NULL_VALUE);
    assertThat(app.get("totalCores")).isEqualTo(1L + 2 * 3);
    assertThat(app.get("totalMemoryBytes")).isEqualTo(896 * MIB + 3 * (4096 + 409) * MIB);
    assertThat(role(app, "sparkConf")).isEmpty();
  }

  @Test
  void policiesReadTheViewWithPlainFieldSelection() {
    assertThat(
            SparkCel.eval(
                "spark.app(object).executor.instances <= 10"
                    + " && spark.app(object).totalMemoryBytes < spark.memoryBytes('64g')"
                    + " && spark.app(object).driver.coreLimitMillis == spark.millicores('1200m')",
                KUBEFLOW_PI))
        .isEqualTo(true);
  }

  @Test
  void everyKeyIsPresentEvenWhenNothingIsSet() {
    Map<String, Object> app =
        app("""
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            spec: {}
            """);
    assertThat(app.keySet())
        .containsExactly(
            "operator", "type", "driver", "executor", "dynamicAllocation", "maxExecutors",
            "totalCores", "totalMemoryBytes", "sparkConf", "fields");
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) app.get("fields");
    assertThat(fields)
        .containsEntry("driverCores", "spec.driver.cores")
        .containsEntry("executorInstances", "spec.executor.instances")
        .containsOnlyKeys(
            "driverCores", "driverCoreLimit", "driverMemory",
            "executorCores", "executorCoreLimit", "executorMemory", "executorInstances");
    assertThat(role(app, "driver").keySet())
        .containsExactly(
            "cores", "coresSet", "coreLimitMillis", "coreRequestMillis", "memoryBytes",
            "memorySet", "overheadBytes", "containerMemoryBytes");
    assertThat(role(app, "executor").keySet()).contains("instances", "instancesSet");
  }

  @Nested
  class Defaults {

    @Test
    void unsetSizesAreSparksDefaults() {
      Map<String, Object> app =
          app("""
              apiVersion: sparkoperator.k8s.io/v1beta2
              kind: SparkApplication
              spec: {mainApplicationFile: local:///app.jar}
              """);
      assertThat(app.get("type")).isEqualTo("Scala"); // the kubeflow operator's default
      for (String role : new String[] {"driver", "executor"}) {
        assertThat(role(app, role))
            .containsEntry("cores", 1L)
            .containsEntry("coresSet", false)
            .containsEntry("memoryBytes", GIB)
            .containsEntry("memorySet", false)
            .containsEntry("overheadBytes", 384 * MIB)
            .containsEntry("containerMemoryBytes", GIB + 384 * MIB);
      }
      assertThat(role(app, "executor"))
          .containsEntry("instances", 2L)
          .containsEntry("instancesSet", false);
      assertThat(app.get("totalCores")).isEqualTo(3L);
      assertThat(app.get("totalMemoryBytes")).isEqualTo(3 * (GIB + 384 * MIB));
    }
  }

  @Nested
  class Overhead {

    @Test
    void jvmApplicationsGetTenPercentAboveTheFloor() {
      assertThat(executor("type: Java", "memory: 10g")).containsEntry("overheadBytes", 1024 * MIB);
      assertThat(executor("type: Scala", "memory: 3840m"))
          .containsEntry("overheadBytes", 384 * MIB); // exactly at the floor
      assertThat(executor("type: Scala", "memory: 3850m"))
          .containsEntry("overheadBytes", 385 * MIB);
    }

    @Test
    void pythonAndRApplicationsGetFortyPercent() {
      assertThat(executor("type: Python", "memory: 2g")).containsEntry("overheadBytes", 819 * MIB);
      assertThat(executor("type: R", "memory: 2g")).containsEntry("overheadBytes", 819 * MIB);
      assertThat(executor("type: Python", "memory: 512m"))
          .containsEntry("overheadBytes", 384 * MIB); // 204 MiB is below the floor
    }

    @Test
    void anExplicitOverheadWinsEvenBelowTheFloor() {
      assertThat(executor("type: Python", "memory: 8g, memoryOverhead: 256m"))
          .containsEntry("overheadBytes", 256 * MIB)
          .containsEntry("containerMemoryBytes", (8192 + 256) * MIB);
      // memoryOverhead is MiB when it has no unit, as spark.executor.memoryOverhead is
      assertThat(executor("type: Scala", "memory: 1g, memoryOverhead: '1000'"))
          .containsEntry("overheadBytes", 1000 * MIB);
    }

    @Test
    void explicitOverheadFromSparkConfWhenTheSpecHasNone() {
      Map<String, Object> app =
          kubeflow(
              """
              sparkConf: {spark.driver.memoryOverhead: 1g, spark.executor.memoryOverhead: 2g}
              executor: {memoryOverhead: 512m}
              """);
      assertThat(role(app, "driver")).containsEntry("overheadBytes", GIB);
      // both are passed to spark-submit; the larger counts
      assertThat(role(app, "executor")).containsEntry("overheadBytes", 2 * GIB);
    }

    @Test
    void factorsInTheirOrderOfPrecedence() {
      // spec.memoryOverheadFactor is passed as spark.kubernetes.memoryOverheadFactor
      assertThat(executor("type: Scala\nmemoryOverheadFactor: '0.2'", "memory: 10g"))
          .containsEntry("overheadBytes", 2048 * MIB);
      // sparkConf comes after it on the spark-submit line, so sparkConf wins
      assertThat(
              executor(
                  "memoryOverheadFactor: '0.2'\n"
                      + "sparkConf: {spark.kubernetes.memoryOverheadFactor: '0.3'}",
                  "memory: 10g"))
          .containsEntry("overheadBytes", 3072 * MIB);
      // a role's own factor (Spark 3.4+) wins over both
      assertThat(
              executor(
                  "memoryOverheadFactor: '0.2'\n"
                      + "sparkConf: {spark.kubernetes.memoryOverheadFactor: '0.3',"
                      + " spark.executor.memoryOverheadFactor: '0.5'}",
                  "memory: 10g"))
          .containsEntry("overheadBytes", 5120 * MIB);
      // an explicit factor replaces the Python default too
      assertThat(
              executor(
                  "type: Python\nsparkConf: {spark.kubernetes.memoryOverheadFactor: '0.1'}",
                  "memory: 10g"))
          .containsEntry("overheadBytes", 1024 * MIB);
    }

    @Test
    void roleFactorsApplyToTheirRoleOnly() {
      Map<String, Object> app =
          kubeflow(
              """
              sparkConf: {spark.driver.memoryOverheadFactor: '0.5'}
              driver: {memory: 10g}
              executor: {memory: 10g}
              """);
      assertThat(role(app, "driver")).containsEntry("overheadBytes", 5120 * MIB);
      assertThat(role(app, "executor")).containsEntry("overheadBytes", 1024 * MIB);
    }

    @Test
    void sparkFourMinimumOverheadRaisesTheFloor() {
      assertThat(
              executor("sparkConf: {spark.executor.minMemoryOverhead: 1g}", "memory: 512m"))
          .containsEntry("overheadBytes", GIB);
      assertThat(
              executor(
                  "sparkConf: {spark.executor.minMemoryOverhead: 1g}",
                  "memory: 512m, memoryOverhead: 100m"))
          .containsEntry("overheadBytes", 100 * MIB);
    }

    @Test
    void pysparkMemoryIsAddedToPythonExecutorsOnly() {
      String conf = "sparkConf: {spark.executor.pyspark.memory: 1g}";
      assertThat(executor("type: Python\n" + conf, "memory: 2g"))
          .containsEntry("containerMemoryBytes", (2048 + 819 + 1024) * MIB);
      assertThat(executor("type: Scala\n" + conf, "memory: 2g"))
          .containsEntry("containerMemoryBytes", (2048 + 384) * MIB);
      Map<String, Object> python = kubeflow("type: Python\n" + conf + "\ndriver: {memory: 2g}");
      assertThat(role(python, "driver")).containsEntry("containerMemoryBytes", (2048 + 819) * MIB);
    }

    @Test
    void enabledOffHeapMemoryIsAddedToExecutors() {
      assertThat(
              executor(
                  "sparkConf: {spark.memory.offHeap.enabled: 'true',"
                      + " spark.memory.offHeap.size: '2147483648'}",
                  "memory: 4g"))
          .containsEntry("containerMemoryBytes", (4096 + 409 + 2048) * MIB);
      assertThat(
              executor(
                  "sparkConf: {spark.memory.offHeap.enabled: 'false',"
                      + " spark.memory.offHeap.size: 2g}",
                  "memory: 4g"))
          .containsEntry("containerMemoryBytes", (4096 + 409) * MIB);
    }
  }

  @Nested
  class SparkConfFallback {

    @Test
    void sparkConfFillsWhatTheSpecDoesNotSet() {
      Map<String, Object> app =
          kubeflow(
              """
              sparkConf:
                spark.driver.cores: "2"
                spark.driver.memory: "2048"
                spark.executor.cores: "4"
                spark.executor.memory: 8g
                spark.executor.instances: "5"
                spark.kubernetes.driver.limit.cores: "3"
                spark.kubernetes.executor.request.cores: 1500m
              executor: {cores: 3}
              """);
      assertThat(role(app, "driver"))
          .containsEntry("cores", 2L)
          .containsEntry("coresSet", true)
          .containsEntry("memoryBytes", 2 * GIB) // spark.driver.memory without a unit is MiB
          .containsEntry("memorySet", true)
          .containsEntry("coreLimitMillis", 3000L);
      assertThat(role(app, "executor"))
          .containsEntry("cores", 4L) // the larger of spec (3) and sparkConf (4) counts
          .containsEntry("memoryBytes", 8 * GIB)
          .containsEntry("coreRequestMillis", 1500L)
          .containsEntry("instances", 5L)
          .containsEntry("instancesSet", true);
    }

    @Test
    void sparkConfListsHadoopConfAsSparkHadoopKeysAndValuesAsStrings() {
      Map<String, Object> app =
          kubeflow(
              """
              sparkConf: {spark.eventLog.enabled: "true", spark.executor.instances: 4, spark.x: 0.5}
              hadoopConf: {fs.defaultFS: "hdfs://nn:8020", fs.s3a.fast.upload: true}
              """);
      assertThat(role(app, "sparkConf"))
          .containsExactly(
              entry("spark.eventLog.enabled", "true"),
              entry("spark.executor.instances", "4"),
              entry("spark.x", "0.5"),
              entry("spark.hadoop.fs.defaultFS", "hdfs://nn:8020"),
              entry("spark.hadoop.fs.s3a.fast.upload", "true"));
      assertThat(SparkCel.eval(
              "spark.app(object).sparkConf['spark.hadoop.fs.defaultFS'].startsWith('hdfs://')",
              kubeflowYaml("hadoopConf: {fs.defaultFS: 'hdfs://nn:8020'}")))
          .isEqualTo(true);
    }
  }

  @Nested
  class DynamicAllocation {

    @Test
    void instancesAreTheLargerOfInstancesAndMaxExecutors() {
      Map<String, Object> app =
          kubeflow(
              """
              executor: {instances: 1, cores: 1, memory: 512m}
              dynamicAllocation: {enabled: true, initialExecutors: 2, minExecutors: 1, maxExecutors: 5}
              """);
      assertThat(app.get("dynamicAllocation")).isEqualTo(true);
      assertThat(app.get("maxExecutors")).isEqualTo(5L);
      assertThat(role(app, "executor"))
          .containsEntry("instances", 5L)
          .containsEntry("instancesSet", true);
      assertThat(app.get("totalCores")).isEqualTo(6L);
      assertThat(
              kubeflow(
                      "executor: {instances: 8}\n"
                          + "dynamicAllocation: {enabled: true, maxExecutors: 5}")
                  .get("executor"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("instances", 8L);
    }

    @Test
    void unboundedDynamicAllocationCountsAsInt64MaxAndSaturatesTotals() {
      Map<String, Object> app = kubeflow("dynamicAllocation: {enabled: true}");
      assertThat(app.get("maxExecutors")).isEqualTo(NullValue.NULL_VALUE);
      assertThat(role(app, "executor")).containsEntry("instances", Long.MAX_VALUE);
      assertThat(app.get("totalCores")).isEqualTo(Long.MAX_VALUE);
      assertThat(app.get("totalMemoryBytes")).isEqualTo(Long.MAX_VALUE);
      assertThat(SparkCel.eval(
              "spark.app(object).totalCores > 1000",
              kubeflowYaml("dynamicAllocation: {enabled: true}")))
          .isEqualTo(true);
    }

    @Test
    void sparkConfEnablesItToo() {
      Map<String, Object> app =
          kubeflow(
              """
              sparkConf: {spark.dynamicAllocation.enabled: "true", spark.dynamicAllocation.maxExecutors: "20"}
              executor: {instances: 2}
              """);
      assertThat(app.get("dynamicAllocation")).isEqualTo(true);
      assertThat(app.get("maxExecutors")).isEqualTo(20L);
      assertThat(role(app, "executor")).containsEntry("instances", 20L);
    }

    @Test
    void aDisabledSpecSectionIsNotPassedToSpark() {
      Map<String, Object> app =
          kubeflow(
              """
              executor: {instances: 2}
              dynamicAllocation: {enabled: false, maxExecutors: 50}
              """);
      assertThat(app.get("dynamicAllocation")).isEqualTo(false);
      assertThat(app.get("maxExecutors")).isEqualTo(NullValue.NULL_VALUE);
      assertThat(role(app, "executor")).containsEntry("instances", 2L);
    }
  }

  @Nested
  class ScheduledApplications {

    @Test
    void theTemplateIsTheApplication() {
      Map<String, Object> app =
          app(
              """
              apiVersion: sparkoperator.k8s.io/v1beta2
              kind: ScheduledSparkApplication
              metadata: {name: nightly}
              spec:
                schedule: "@every 3m"
                template:
                  type: Python
                  mainApplicationFile: local:///opt/app.py
                  driver: {cores: 2, memory: 1g}
                  executor: {instances: 4, cores: 2, memory: 2g}
              """);
      assertThat(app.get("operator")).isEqualTo("kubeflow");
      assertThat(app.get("type")).isEqualTo("Python");
      assertThat(role(app, "executor"))
          .containsEntry("instances", 4L)
          .containsEntry("overheadBytes", 819 * MIB);
      assertThat(app.get("totalCores")).isEqualTo(10L);
    }

    @Test
    void errorsNameTheTemplateField() {
      assertThat(
              SparkCel.error(
                  "spark.app(object)",
                  """
                  apiVersion: sparkoperator.k8s.io/v1beta2
                  kind: ScheduledSparkApplication
                  spec: {template: {executor: {memory: lots}}}
                  """))
          .contains("spark.app: spec.template.executor.memory \"lots\" is not a memory size");
    }
  }

  @Nested
  class ApacheOperator {

    @Test
    void everythingComesFromSparkConf() {
      Map<String, Object> app =
          app(
              """
              apiVersion: spark.apache.org/v1
              kind: SparkApplication
              metadata: {name: pi}
              spec:
                mainClass: org.apache.spark.examples.SparkPi
                jars: local:///opt/spark/examples/jars/spark-examples.jar
                sparkConf:
                  spark.driver.cores: "2"
                  spark.driver.memory: 2g
                  spark.executor.cores: "4"
                  spark.executor.memory: 6g
                  spark.executor.instances: "3"
                  spark.kubernetes.driver.limit.cores: "2500m"
                  spark.kubernetes.executor.limit.cores: "4"
                  spark.kubernetes.driver.request.cores: "1"
                  spark.kubernetes.executor.request.cores: "3.5"
                  spark.executor.memoryOverhead: 1g
                runtimeVersions: {sparkVersion: 4.0.0}
              """);
      assertThat(app.get("operator")).isEqualTo("apache");
      assertThat(app.get("type")).isEqualTo("Java");
      assertThat(role(app, "driver"))
          .containsEntry("cores", 2L)
          .containsEntry("coreLimitMillis", 2500L)
          .containsEntry("coreRequestMillis", 1000L)
          .containsEntry("memoryBytes", 2 * GIB)
          .containsEntry("overheadBytes", 384 * MIB);
      assertThat(role(app, "executor"))
          .containsEntry("cores", 4L)
          .containsEntry("coreLimitMillis", 4000L)
          .containsEntry("coreRequestMillis", 3500L)
          .containsEntry("memoryBytes", 6 * GIB)
          .containsEntry("overheadBytes", GIB)
          .containsEntry("containerMemoryBytes", 7 * GIB)
          .containsEntry("instances", 3L);
      assertThat(app.get("totalCores")).isEqualTo(14L);
      assertThat(app.get("totalMemoryBytes")).isEqualTo((2048 + 384) * MIB + 3 * 7 * GIB);
    }

    @Test
    void pyFilesMakeAPythonApplicationAndSparkRFilesAnROne() {
      Map<String, Object> python =
          app(
              """
              apiVersion: spark.apache.org/v1
              kind: SparkApplication
              spec:
                pyFiles: local:///opt/spark/examples/src/main/python/pi.py
                sparkConf: {spark.executor.memory: 2g}
              """);
      assertThat(python.get("type")).isEqualTo("Python");
      assertThat(role(python, "executor")).containsEntry("overheadBytes", 819 * MIB);
      assertThat(
              app("""
                  apiVersion: spark.apache.org/v1beta1
                  kind: SparkApplication
                  spec: {sparkRFiles: local:///opt/app.R}
                  """)
                  .get("type"))
          .isEqualTo("R");
    }

    @Test
    void specFieldsNamedLikeKubeflowOnesAreNotSizing() {
      Map<String, Object> app =
          app(
              """
              apiVersion: spark.apache.org/v1
              kind: SparkApplication
              spec: {executor: {instances: 50}, dynamicAllocation: {enabled: true}}
              """);
      assertThat(role(app, "executor")).containsEntry("instances", 2L);
      assertThat(app.get("dynamicAllocation")).isEqualTo(false);
    }

    @Test
    void dynamicAllocationFromSparkConf() {
      Map<String, Object> app =
          app(
              """
              apiVersion: spark.apache.org/v1
              kind: SparkApplication
              spec:
                sparkConf: {spark.dynamicAllocation.enabled: "TRUE", spark.dynamicAllocation.maxExecutors: "7"}
              """);
      assertThat(app.get("dynamicAllocation")).isEqualTo(true);
      assertThat(role(app, "executor")).containsEntry("instances", 7L);
    }
  }

  // --- helpers ---

  @SuppressWarnings("unchecked")
  static Map<String, Object> app(String yaml) {
    return (Map<String, Object>) SparkCel.eval("spark.app(object)", yaml);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> role(Map<String, Object> app, String role) {
    return (Map<String, Object>) app.get(role);
  }

  /** A kubeflow SparkApplication whose spec holds the given YAML lines. */
  static String kubeflowYaml(String specLines) {
    return "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n"
        + specLines.stripIndent().lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
  }

  static Map<String, Object> kubeflow(String specLines) {
    return app(kubeflowYaml(specLines));
  }

  /** The executor of a kubeflow application with some spec lines and executor fields. */
  static Map<String, Object> executor(String specLines, String executorFields) {
    return role(kubeflow(specLines + "\nexecutor: {" + executorFields + "}"), "executor");
  }
}
