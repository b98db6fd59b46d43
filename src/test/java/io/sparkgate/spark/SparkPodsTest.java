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
        "{apiVersion: apps/v1, kind: StatefulSet, spec: {template: {metadata: {labels: {app.kubernetes.io/component: spark-driver}}}}}"
            + " | true | driver",
        "{apiVersion: apps/v1, kind: Deployment, spec: {template: {metadata: {labels: {spark-role: driver}}}}}"
            + " | true | driver",
        "{apiVersion: apps/v1, kind: Deployment, spec: {template: {metadata: {labels: {spark-role: executor}}}}}"
            + " | false | ''",
        "{apiVersion: batch/v1, kind: CronJob, spec: {jobTemplate: {spec: {template: {metadata: {labels: {spark-role: driver}}}}}}}"
            + " | true | driver",
        "{apiVersion: batch/v1, kind: CronJob, spec: {template: {metadata: {labels: {spark-role: driver}}}}}"
            + " | false | ''",
        "{apiVersion: batch/v1, kind: Job, spec: {template: {spec: {containers: [{name: c, command: [/opt/spark/sbin/start-connect-server.sh]}]}}}}"
            + " | true | driver",
        "{apiVersion: apps/v1, kind: Deployment, spec: {template: {spec: {containers: [{name: c, args: [spark-shell]}]}}}}"
            + " | false | ''",
        "{apiVersion: apps/v1, kind: DaemonSet, spec: {template: {metadata: {labels: {spark-role: driver}}}}}"
            + " | false | ''",
        "null                                                             | false | ''",
        "[spark-role]                                                     | false | ''",
      })
  void sparkPodsAreLabelledDriverOrExecutor(String pod, boolean isSparkPod, String role) {
    assertThat(SparkCel.eval("spark.isSparkPod(object)", pod)).isEqualTo(isSparkPod);
    assertThat(SparkCel.eval("spark.role(object)", pod)).isEqualTo(role.equals("''") ? "" : role);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{kind: Pod, metadata: {name: p}, spec: {hostPID: true}}                  | p",
        "{kind: StatefulSet, spec: {template: {metadata: {name: t}, spec: {hostPID: true}}}} | t",
        "{kind: CronJob, spec: {jobTemplate: {spec: {template: {metadata: {name: t}, spec: {hostPID: true}}}}}} | t",
      })
  void podIsThePodOrThePodTemplate(String object, String name) {
    assertThat(SparkCel.eval("spark.pod(object).metadata.name", object)).isEqualTo(name);
    assertThat(SparkCel.eval("spark.pod(object).spec.hostPID", object)).isEqualTo(true);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{kind: Service}              | spark.pod: expected a Pod, Deployment, StatefulSet, Job or CronJob, got kind \"Service\"",
        "{kind: Deployment, spec: {}} | spark.pod: spec.template is not set",
        "{kind: CronJob}              | spark.pod: spec.jobTemplate.spec.template is not set",
      })
  void podOfAnythingElseIsAnErrorNamingIt(String object, String message) {
    assertThat(SparkCel.error("spark.pod(object)", object)).contains(message);
  }
}
