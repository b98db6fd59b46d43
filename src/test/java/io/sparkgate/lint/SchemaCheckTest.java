package io.sparkgate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.source.SourceDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expressions are checked against the schemas of the kinds their policy matches. */
class SchemaCheckTest {
  private static final CelEnvironment ENVIRONMENT = CelEnvironment.standard();
  private static final Path FILE = Path.of("policy.yaml");

  static final String APPS = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: apps}
      spec:
        paramKind: {apiVersion: sparkgate.io/v1, kind: SparkTenant}
        matchConstraints:
          resourceRules:
          - {apiGroups: [sparkoperator.k8s.io], apiVersions: ["*"], operations: [CREATE], resources: [%s]}
        validations:
        - expression: %s
      """;

  static final String PODS = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: pods}
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [%s]}
        variables:
        - name: containers
          expression: object.spec.containers + object.spec.?initContainers.orValue([])
        validations:
        - expression: %s
      """;

  static List<String> check(String yaml) {
    List<SourceDocument> documents = new ArrayList<>();
    List<LoadIssue> issues = new ArrayList<>();
    PolicySetLoader.Result result = new PolicySetLoader(ENVIRONMENT).onAdmissionDocument(documents::add)
        .compile(Map.of(FILE, yaml), issues);
    assertThat(result.issues()).as("the policy compiles untyped").isEmpty();
    SchemaCheck check = new SchemaCheck(ENVIRONMENT);
    List<String> lines = new ArrayList<>();
    documents.forEach(document -> check.check(document).forEach(issue -> lines.add(issue.toString())));
    return lines;
  }

  static String apps(String expression) {
    return APPS.formatted("sparkapplications", expression);
  }

  @Test
  void aMisspelledSparkApplicationFieldIsReportedAtTheFieldWithItsKind() {
    assertThat(check(apps("object.spec.executor.instance <= 10"))).containsExactly(
        "policy.yaml:10:38: SparkApplication (sparkoperator.k8s.io/v1beta2) has no field spec.executor.instance");
  }

  @Test
  void correctFieldsPass() {
    assertThat(check(apps("object.spec.executor.instances <= 10 && has(object.spec.driver.cores)"
        + " && object.metadata.name.size() < 34 && object.spec.?sparkConf[?'spark.x'].orValue('') == ''"
        + " && object.spec.?driver.?labels.orValue({}).all(k, k != '')"))).isEmpty();
  }

  @Test
  void aMisspelledPodFieldInAComprehensionIsReported() {
    assertThat(check(PODS.formatted("pods", "object.spec.containers.all(c, c.imag == 'x')"))).containsExactly(
        "policy.yaml:12:49: Pod (v1) has no field spec.containers[].imag");
    assertThat(check(PODS.formatted("pods", "object.spec.containers.all(c, c.image == 'x')"))).isEmpty();
  }

  static final String WORKLOADS = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: workloads}
      spec:
        paramKind: {apiVersion: v1, kind: ConfigMap}
        matchConstraints:
          resourceRules:
          - {apiGroups: [%s], apiVersions: [v1], operations: [CREATE], resources: [%s]}
        validations:
        - expression: %s
      """;

  @Test
  void misspelledDeploymentAndJobFieldsAreReportedWithTheirKind() {
    assertThat(check(WORKLOADS.formatted("apps", "deployments",
        "object.spec.replica <= 3 && object.spec.template.spec.containers.all(c, c.image != '')"))).containsExactly(
        "policy.yaml:10:29: Deployment (apps/v1) has no field spec.replica");
    assertThat(check(WORKLOADS.formatted("batch", "jobs",
        "object.spec.template.spec.containers.all(c, c.resources.limit.size() > 0)"))).containsExactly(
        "policy.yaml:10:73: Job (batch/v1) has no field spec.template.spec.containers[].resources.limit");
    assertThat(check(WORKLOADS.formatted("batch", "jobs",
        "object.spec.backoffLimit <= 3 && object.spec.template.spec.restartPolicy == 'Never'"
            + " && object.status.?conditions.orValue([]).all(c, c.type != '')"
            + " && params.data.maxBackoff == '3'"))).isEmpty();
    assertThat(check(WORKLOADS.formatted("batch", "jobs", "params.datum.size() > 0"))).containsExactly(
        "policy.yaml:10:24: ConfigMap (v1) has no field datum");
  }

  @Test
  void aFieldOfOneWorkloadKindOnlyPassesInAPolicyForSeveral() {
    assertThat(check(WORKLOADS.formatted("apps", "deployments, statefulsets",
        "object.spec.?serviceName.orValue('') != 'x' && object.spec.replicas <= 3"))).isEmpty();
    assertThat(check(WORKLOADS.formatted("apps", "deployments, statefulsets", "object.spec.serviceNam == 'x'")))
        .containsExactly("policy.yaml:10:29: Deployment (apps/v1) has no field spec.serviceNam");
  }

  @Test
  void variablesAreTypedFromTheirExpressions() {
    assertThat(check(PODS.formatted("pods", "variables.containers.all(c, has(c.securityContext.privilegd))")))
        .containsExactly("policy.yaml:12:67: Pod (v1) has no field spec.containers[].securityContext.privilegd");
    assertThat(check(PODS.formatted("pods", "variables.containerz.size() > 0")))
        .containsExactly("policy.yaml:12:27: no variable named 'containerz' is declared");
  }

  @Test
  void sparkTenantParamsAreChecked() {
    assertThat(check(apps("spark.millicores(params.spec.limits.driver.maxCore) >= 1000"))).containsExactly(
        "policy.yaml:10:60: SparkTenant (sparkgate.io/v1) has no field spec.limits.driver.maxCore");
    assertThat(check(apps("\"!has(params.spec.limits) || params.spec.?limits.?driver.orValue({}).maxCores != 0\"")))
        .isEmpty();
  }

  @Test
  void callsWithoutAnOverloadForTheSchemaTypesAreReported() {
    assertThat(check(apps("object.spec.executor.instances.startsWith('1')"))).containsExactly(
        "policy.yaml:10:58: found no matching overload for 'startsWith' applied to 'int.(string)'"
            + " (candidates: string.(string)) (object is a SparkApplication (sparkoperator.k8s.io/v1beta2),"
            + " params is a SparkTenant (sparkgate.io/v1))");
  }

  @Test
  void aFieldIsReportedOnlyWhenEveryKindThatReachesItLacksIt() {
    String both = "sparkapplications, scheduledsparkapplications";
    // ScheduledSparkApplication has no spec.driver, but SparkApplication has.
    assertThat(check(APPS.formatted(both, "object.spec.?driver.?image.orValue('') != 'x'"))).isEmpty();
    assertThat(check(APPS.formatted(both, "object.spec.executor.instance > 1"))).containsExactly(
        "policy.yaml:10:38: SparkApplication (sparkoperator.k8s.io/v1beta2) has no field spec.executor.instance;"
            + " ScheduledSparkApplication (sparkoperator.k8s.io/v1beta2) has no field spec.executor");
    assertThat(check(APPS.formatted(both,
        "\"(object.kind == 'ScheduledSparkApplication' ? object.spec.template : object.spec).executor.instances > 1\"")))
        .isEmpty();
    assertThat(check(APPS.formatted(both,
        "\"object.kind == 'ScheduledSparkApplication' ? object.spec.template.driver.corez > 1 : true\"")))
        .containsExactly("policy.yaml:10:91: ScheduledSparkApplication (sparkoperator.k8s.io/v1beta2)"
            + " has no field spec.template.driver.corez");
  }

  @Test
  void unknownKindsAreNotTyped() {
    assertThat(check(PODS.formatted("deployments", "object.spec.containerz.size() > 0"))).isEmpty();
  }
}
