package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sparkgate.policy.ParamChecks;
import io.sparkgate.policy.ParamObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparkTenantValidatorTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static ObjectNode alpha() throws Exception {
    return (ObjectNode) YAML.readTree(Files.readString(Path.of("test-fixtures/spark/tenant-alpha.yaml")));
  }

  static ObjectNode with(String pointer, String yamlValue) throws Exception {
    ObjectNode tenant = alpha();
    String parent = pointer.substring(0, pointer.lastIndexOf('/'));
    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
    ObjectNode at = (ObjectNode) tenant.at(parent);
    at.set(field, YAML.readTree(yamlValue));
    return tenant;
  }

  @Test
  void theShippedExampleTenantPasses() throws Exception {
    assertThat(SparkTenantValidator.check(alpha())).isEmpty();
    assertThat(SparkTenantValidator.problemMessage(alpha())).isNull();
    assertThat(ParamObject.of(alpha(), ParamChecks.standard()).problem()).isNull();
  }

  @Test
  void aTenantWithoutSpecIsLeftToTheTenantRequiredPolicy() throws Exception {
    ObjectNode tenant = alpha();
    tenant.remove("spec");
    assertThat(SparkTenantValidator.check(tenant)).isEmpty();
  }

  @Test
  void theMessageNamesTheTenantTheFieldAndTheValue() throws Exception {
    JsonNode tenant = with("/spec/limits/driver/maxMemory", "lots");
    assertThat(SparkTenantValidator.problemMessage(tenant))
        .startsWith("SparkTenant team-alpha/tenant: spec.limits.driver.maxMemory \"lots\" is not a memory size");
    assertThat(SparkTenantValidator.check(tenant)).singleElement()
        .extracting(SparkTenantValidator.Problem::pointer).isEqualTo("/spec/limits/driver/maxMemory");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/spec/limits/driver/maxMemory|lots|spec.limits.driver.maxMemory \"lots\" is not a memory size",
      "/spec/limits/executor/maxMemory|1.5g|spec.limits.executor.maxMemory \"1.5g\" is not a memory size: Spark does not accept fractions",
      "/spec/limits/total/maxMemory|-1|spec.limits.total.maxMemory -1 is not a memory size",
      "/spec/limits/driver/maxCores|two|spec.limits.driver.maxCores \"two\" is not a CPU amount",
      "/spec/limits/driver/maxCores|1.5|spec.limits.driver.maxCores 1.5 is not a CPU amount",
      "/spec/limits/executor/maxInstances|\"20\"|spec.limits.executor.maxInstances \"20\" is not an integer",
      "/spec/limits/executor/maxInstances|-1|spec.limits.executor.maxInstances -1 is out of range",
      "/spec/limits/driver/maxInstances|3|spec.limits.driver.maxInstances is not a field of SparkTenant",
      "/spec/limits/driver/maxMemmory|8g|spec.limits.driver.maxMemmory is not a field of SparkTenant",
      "/spec/naming/pattern|\"^alpha-([\"|spec.naming.pattern \"^alpha-([\" is not a regular expression (RE2)",
      "/spec/naming/maxLength|40|spec.naming.maxLength 40 is out of range: from 1 to 34",
      "/spec/naming/maxLength|0|spec.naming.maxLength 0 is out of range",
      "/spec/maxDuration|one day|spec.maxDuration \"one day\" is not a duration",
      "/spec/maxDuration|\"24\"|spec.maxDuration \"24\" is not a duration",
      "/spec/maxDuration|\"-1h\"|spec.maxDuration \"-1h\" is not a positive duration",
      "/spec/maxDuration|86400|spec.maxDuration 86400 is not a duration",
      "/spec/team|Team Alpha|spec.team \"Team Alpha\" is not a label value",
      "/spec/costCenter|\"-cc\"|spec.costCenter \"-cc\" is not a label value",
      "/spec/residency/regions|[eu west]|spec.residency.regions[0] \"eu west\" is not a region name",
      "/spec/residency/storagePrefixes|[alpha-eu/]|spec.residency.storagePrefixes[0] \"alpha-eu/\" is not a URI prefix with a scheme",
      "/spec/residency/regions|eu-west-1|spec.residency.regions is not a list of strings",
      "/spec/images/allowedPrefixes|[\"\"]|spec.images.allowedPrefixes[0] \"\" is not a non-empty string",
      "/spec/serviceAccounts|[Spark_SA]|spec.serviceAccounts[0] \"Spark_SA\" is not a service account name",
      "/spec/limits|[]|spec.limits is not an object",
      "/spec/quota|{}|spec.quota is not a field of SparkTenant",
  })
  void aFieldThatDoesNotParseIsNamed(String pointer, String value, String expected) throws Exception {
    assertThat(SparkTenantValidator.problemMessage(with(pointer, value)))
        .startsWith("SparkTenant team-alpha/tenant: ").contains(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/spec/limits/driver/maxMemory|8Gi", "/spec/limits/driver/maxMemory|512m", "/spec/limits/driver/maxMemory|1073741824",
      "/spec/limits/driver/maxCores|1500m", "/spec/limits/driver/maxCores|\"0.5\"", "/spec/limits/driver/maxCores|3",
      "/spec/maxDuration|90m", "/spec/maxDuration|1h30m", "/spec/maxDuration|1.5h", "/spec/maxDuration|300s",
      "/spec/naming/maxLength|34", "/spec/serviceAccounts|[spark, spark-driver]",
      "/spec/residency/storagePrefixes|[\"hdfs://nn/alpha/\", \"local://\"]"})
  void goodValuesPass(String pointer, String value) throws Exception {
    assertThat(SparkTenantValidator.check(with(pointer, value))).isEmpty();
  }

  @Test
  void everyProblemIsListed() throws Exception {
    ObjectNode tenant = with("/spec/maxDuration", "soon");
    ((ObjectNode) tenant.at("/spec/limits/driver")).put("maxMemory", "lots");
    List<SparkTenantValidator.Problem> problems = SparkTenantValidator.check(tenant);
    assertThat(problems).extracting(SparkTenantValidator.Problem::pointer)
        .containsExactly("/spec/limits/driver/maxMemory", "/spec/maxDuration");
    assertThat(SparkTenantValidator.problemMessage(tenant)).contains("; spec.maxDuration");
  }

  @Test
  void otherKindsAreNotChecked() throws Exception {
    ObjectNode configMap = (ObjectNode) YAML.readTree("{apiVersion: v1, kind: ConfigMap, metadata: {name: x}, spec: 3}");
    assertThat(ParamChecks.standard().denial(configMap)).isNull();
    ObjectNode otherVersion = with("/spec/maxDuration", "soon");
    otherVersion.put("apiVersion", "sparkgate.io/v2");
    assertThat(ParamChecks.standard().denial(otherVersion)).isNull();
  }
}
