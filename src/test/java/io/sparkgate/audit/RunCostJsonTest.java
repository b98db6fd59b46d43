package io.sparkgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunCostJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String line(RunCost cost) {
    AuditRecord record = AuditFixtures.record(4);
    AuditRecord withCost = AuditRecord.builder().time(record.time()).uid(record.uid()).endpoint(record.endpoint())
        .operation("CREATE").kind(record.kind()).resource(record.resource()).namespace(record.namespace())
        .name(record.name()).user(record.user()).allowed(true).statusCode(200).statusMessage("")
        .policies(record.policies()).policySetHash(record.policySetHash()).instanceId("test-instance")
        .cost(cost).build();
    byte[] body = AuditLine.encodeDecisionBody(withCost);
    String line = new String(AuditLine.concat(AuditLine.chainPrefix(7, "0".repeat(64)), body), StandardCharsets.UTF_8);
    assertThat(decode(line).cost()).isEqualTo(cost);
    return line;
  }

  private static AuditRecord decode(String line) {
    try {
      return AuditLine.parse(line.getBytes(StandardCharsets.UTF_8)).toRecord();
    } catch (AuditLine.MalformedLineException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aBoundedEstimateIsWrittenWithTwoDecimalsAndExactMicrosAndReadBack() throws Exception {
    JsonNode cost = JSON.readTree(line(new RunCost("analytics", "cc-7001", "USD", 74_400_000L, null, null, null, null,
        null))).get("cost");
    assertThat(cost.toString()).isEqualTo(
        "{\"team\":\"analytics\",\"costCenter\":\"cc-7001\",\"currency\":\"USD\",\"perRun\":\"74.40\",\"perRunMicros\":74400000}");
  }

  @Test
  void anUnboundedEstimateSaysWhyAndHasNoAmount() throws Exception {
    JsonNode cost = JSON.readTree(line(new RunCost("blue", "", "USD", null, "no maxDuration", null, null, null, null)))
        .get("cost");
    assertThat(cost.has("perRun")).isFalse();
    assertThat(cost.has("perRunMicros")).isFalse();
    assertThat(cost.get("unbounded").asText()).isEqualTo("no maxDuration");
  }

  @Test
  void aScheduleAndARunOfOneKeepTheirFields() throws Exception {
    line(new RunCost("red", "cc-1", "EUR", 1_500_000L, null, 22L, "0 9 * * 1-5", "America/New_York", null));
    line(new RunCost("red", "cc-1", "EUR", 1_500_000L, null, null, null, null, "nightly"));
  }

  @Test
  void aRecordWithoutCostHasNoCostField() throws Exception {
    AuditRecord record = AuditFixtures.record(2);
    String line = new String(AuditLine.concat(AuditLine.chainPrefix(1, "0".repeat(64)),
        AuditLine.encodeDecisionBody(record)), StandardCharsets.UTF_8);
    assertThat(JSON.readTree(line).has("cost")).isFalse();
    assertThat(decode(line)).isEqualTo(record);
  }

  @Test
  void aCostWithoutAnAmountOrAReasonIsReadAsUnboundedNeverAsZero() {
    String line = "{\"seq\":1,\"prev\":\"" + "0".repeat(64) + "\",\"type\":\"decision\",\"time\":\"2025-03-01T10:00:00.000Z\","
        + "\"uid\":\"u\",\"allowed\":true,\"cost\":{\"team\":\"t\",\"costCenter\":\"c\",\"currency\":\"USD\",\"perRun\":\"1.00\"}}";
    RunCost cost = decode(line).cost();
    assertThat(cost.bounded()).isFalse();
    assertThat(cost.unbounded()).isEqualTo("the record's cost has no amount");
  }
}
