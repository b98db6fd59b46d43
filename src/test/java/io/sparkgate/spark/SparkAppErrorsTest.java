package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spark.app never guesses: a value Spark would not read fails and names field and value. */
class SparkAppErrorsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "driver: {memory: lots}"
            + " | spark.app: spec.driver.memory \"lots\" is not a memory size: use a number with b,"
            + " k, m, g, t or p (Spark style) or Ki, Mi, Gi, Ti (Kubernetes)",
        "executor: {memory: 1.5g}"
            + " | spark.app: spec.executor.memory \"1.5g\" is not a memory size: Spark does not"
            + " accept fractions",
        "executor: {memoryOverhead: 'x'}"
            + " | spark.app: spec.executor.memoryOverhead \"x\" is not a memory size",
        "executor: {cores: 'two'}"
            + " | spark.app: spec.executor.cores \"two\" is not a whole number of cores",
        "executor: {cores: 1.5}"
            + " | spark.app: spec.executor.cores 1.5 is not a whole number of cores",
        "executor: {instances: -1}"
            + " | spark.app: spec.executor.instances -1 is not a whole number of executors from 0"
            + " to 2147483647",
        "driver: {coreLimit: 'lots'}"
            + " | spark.app: spec.driver.coreLimit \"lots\" is not a CPU amount",
        "driver: {coreRequest: '-1'}"
            + " | spark.app: spec.driver.coreRequest \"-1\" is not a CPU amount: it is negative",
        "type: Go"
            + " | spark.app: spec.type \"Go\" is not a Spark application type: use Scala, Java,"
            + " Python or R",
        "memoryOverheadFactor: 'high'"
            + " | spark.app: spec.memoryOverheadFactor \"high\" is not a memory overhead factor",
        "sparkConf: {spark.executor.memory: 4x}"
            + " | spark.app: spec.sparkConf[\"spark.executor.memory\"] \"4x\" is not a memory size",
        "sparkConf: {spark.kubernetes.memoryOverheadFactor: '-0.1'}"
            + " | spark.app: spec.sparkConf[\"spark.kubernetes.memoryOverheadFactor\"] \"-0.1\" is"
            + " not a memory overhead factor",
        "sparkConf: {spark.dynamicAllocation.enabled: 'yes'}"
            + " | spark.app: spec.sparkConf[\"spark.dynamicAllocation.enabled\"] \"yes\" is not a"
            + " boolean",
        "sparkConf: {spark.executor.instances: '99999999999999999999'}"
            + " | spark.app: spec.sparkConf[\"spark.executor.instances\"] \"99999999999999999999\""
            + " is not a whole number of executors from 0 to 2147483647",
        "sparkConf: {spark.executor.memory: 9999999999999p}"
            + " | is not a memory size: it is more than 2^63-1 bytes",
        "sparkConf: {spark.memory.offHeap.enabled: 'true'}"
            + " | spark.app: spec.sparkConf[\"spark.memory.offHeap.size\"] must be more than 0 when"
            + " spark.memory.offHeap.enabled is true",
        "sparkConf: {spark.x: {nested: map}}"
            + " | spark.app: spec.sparkConf[\"spark.x\"] is a map, expected a string",
        "sparkConf: [a, b]"
            + " | spark.app: spec.sparkConf is a list, expected a map",
        "driver: 3"
            + " | spark.app: spec.driver is an integer, expected a map",
      })
  void badValuesFailAndNameTheirField(String specLines, String message) {
    assertThat(SparkCel.error("spark.app(object)", SparkAppTest.kubeflowYaml(specLines)))
        .contains(message);
  }

  @Test
  void otherObjectsAreNotApplications() {
    assertThat(SparkCel.error("spark.app(object)", "{apiVersion: v1, kind: Pod, spec: {}}"))
        .contains(
            "spark.app: expected a SparkApplication (sparkoperator.k8s.io/v1beta2 or"
                + " spark.apache.org) or a ScheduledSparkApplication (sparkoperator.k8s.io/v1beta2),"
                + " got apiVersion \"v1\", kind \"Pod\"");
    assertThat(
            SparkCel.error(
                "spark.app(object)",
                "{apiVersion: sparkoperator.k8s.io/v1beta1, kind: SparkApplication}"))
        .contains("got apiVersion \"sparkoperator.k8s.io/v1beta1\"");
    assertThat(
            SparkCel.error(
                "spark.app(object)", "{apiVersion: spark.apache.org/v1, kind: SparkCluster}"))
        .contains("kind \"SparkCluster\"");
    assertThat(SparkCel.error("spark.app(object)")).contains("spark.app: expected a").contains("got null");
    assertThat(SparkCel.error("spark.app('x')")).contains("got a string");
  }

  @Test
  void aPolicyCanGuardAgainstOtherKinds() {
    assertThat(
            SparkCel.eval(
                "object.kind != 'SparkApplication' || spark.app(object).totalCores < 10",
                "{apiVersion: v1, kind: Pod}"))
        .isEqualTo(true);
  }

  @Test
  @Timeout(10)
  void aTenMegabyteValueFailsQuicklyWithAShortMessage() {
    Map<String, Object> app = kubeflowApp(Map.of("driver", Map.of("memory", "9".repeat(10_000_000))));
    String message = SparkCel.errorOver("spark.app(object)", app);
    assertThat(message).contains("spec.driver.memory \"9999").contains("(10000000 characters)");
    assertThat(message.length()).isLessThan(500);
  }

  @Test
  @Timeout(10)
  void hugeNumbersSaturateOrFailButNeverWrap() {
    Map<String, Object> app =
        kubeflowApp(
            Map.of(
                "driver", Map.of("cores", 2147483647L, "memory", "8191p"),
                "executor",
                    Map.of("cores", 2147483647L, "instances", 2147483647L, "memory", "8191p")));
    Map<?, ?> view = (Map<?, ?>) SparkCel.evalOver("spark.app(object)", app);
    assertThat(view.get("totalCores")).isEqualTo(2147483647L + 2147483647L * 2147483647L);
    assertThat(view.get("totalMemoryBytes")).isEqualTo(Long.MAX_VALUE);
    assertThat(((Map<?, ?>) view.get("driver")).get("containerMemoryBytes"))
        .isEqualTo(Long.MAX_VALUE);

    Map<String, Object> tooMany = kubeflowApp(Map.of("executor", Map.of("instances", 1L << 40)));
    assertThat(SparkCel.errorOver("spark.app(object)", tooMany))
        .contains("spec.executor.instances 1099511627776 is not a whole number of executors");
  }

  @Test
  @Timeout(10)
  void deeplyNestedValuesAreNotWalked() {
    Object nested = "leaf";
    for (int i = 0; i < 100_000; i++) {
      nested = List.of(nested);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("arguments", List.of(nested));
    spec.put("sparkConf", Map.of("spark.deep", nested));
    assertThat(SparkCel.errorOver("spark.app(object)", kubeflowApp(spec)))
        .contains("spec.sparkConf[\"spark.deep\"] is a list, expected a string");
  }

  @Test
  @Timeout(10)
  void manyConfigurationEntriesAreFine() {
    Map<String, Object> conf = new LinkedHashMap<>();
    for (int i = 0; i < 100_000; i++) {
      conf.put("spark.custom." + i, "v" + i);
    }
    Map<?, ?> view =
        (Map<?, ?>) SparkCel.evalOver("spark.app(object)", kubeflowApp(Map.of("sparkConf", conf)));
    assertThat((Map<?, ?>) view.get("sparkConf")).hasSize(100_000);
  }

  static Map<String, Object> kubeflowApp(Map<String, Object> spec) {
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("apiVersion", "sparkoperator.k8s.io/v1beta2");
    app.put("kind", "SparkApplication");
    app.put("spec", spec);
    return app;
  }
}
