package io.sparkgate.audit.chargeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkgate.audit.AuditRecord;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.audit.RunCost;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChargebackTest {
  private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant FEB_1 = Instant.parse("2026-02-01T00:00:00Z");
  private static final Period JANUARY = new Period(JAN_1, FEB_1);

  static AuditRecord.Builder create(String uid, String time, String namespace, String kind, RunCost cost) {
    return AuditRecord.builder()
        .time(Instant.parse(time))
        .uid(uid)
        .endpoint(Endpoint.VALIDATE)
        .operation("CREATE")
        .kind("sparkoperator.k8s.io", "v1beta2", kind)
        .resource(kind.toLowerCase() + "s")
        .namespace(namespace)
        .name(uid)
        .allowed(true)
        .statusCode(200)
        .cost(cost);
  }

  static RunCost run(String team, String costCenter, long micros) {
    return new RunCost(team, costCenter, "USD", micros, null, null, null, null, null);
  }

  static RunCost schedule(String team, String costCenter, long micros, String schedule, String timeZone) {
    return new RunCost(team, costCenter, "USD", micros, null, 30L, schedule, timeZone, null);
  }

  private static ChargebackReport report(Period period, GroupBy by, AuditRecord.Builder... records) {
    Chargeback chargeback = new Chargeback(period, by);
    for (AuditRecord.Builder record : records) {
      chargeback.add(record.build());
    }
    return chargeback.report(0);
  }

  private static ChargebackReport.Row row(ChargebackReport report, String group) {
    return report.rows().stream().filter(r -> r.group().equals(group)).findFirst().orElseThrow();
  }

  @Test
  void onlyAdmittedCreatesInThePeriodAreSummedOnce() {
    ChargebackReport report = report(JANUARY, GroupBy.COST_CENTER,
        create("a", "2026-01-05T10:00:00Z", "team-red", "SparkApplication", run("red", "cc-1", 10_000_000)),
        create("b", "2026-01-31T23:59:59.999Z", "team-red", "SparkApplication", run("red", "cc-1", 2_500_000)),
        create("before", "2025-12-31T23:59:59.999Z", "team-red", "SparkApplication", run("red", "cc-1", 1_000_000)),
        create("at-the-end", "2026-02-01T00:00:00Z", "team-red", "SparkApplication", run("red", "cc-1", 1_000_000)),
        create("denied", "2026-01-06T10:00:00Z", "team-red", "SparkApplication", run("red", "cc-1", 1_000_000))
            .allowed(false).statusCode(403),
        create("dry", "2026-01-06T10:00:00Z", "team-red", "SparkApplication", run("red", "cc-1", 1_000_000))
            .dryRun(true),
        create("update", "2026-01-06T10:00:00Z", "team-red", "SparkApplication", run("red", "cc-1", 1_000_000))
            .operation("UPDATE"),
        // the same request recorded twice (a retried webhook call) counts once
        create("a", "2026-01-05T10:00:01Z", "team-red", "SparkApplication", run("red", "cc-1", 10_000_000)));
    assertThat(report.rows()).containsExactly(new ChargebackReport.Row("cc-1", "USD", 12_500_000, 2, 0));
  }

  @Test
  void groupsByTeamCostCenterOrNamespaceAndCurrency() {
    AuditRecord.Builder[] records = {
        create("a", "2026-01-05T10:00:00Z", "ns-1", "SparkApplication", run("red", "cc-1", 1_000_000)),
        create("b", "2026-01-05T10:00:00Z", "ns-2", "SparkApplication", run("red", "cc-2", 2_000_000)),
        create("c", "2026-01-05T10:00:00Z", "ns-2", "SparkApplication", run("blue", "cc-2", 4_000_000)),
        create("d", "2026-01-05T10:00:00Z", "ns-3", "SparkApplication",
            new RunCost("", "", "EUR", 8_000_000L, null, null, null, null, null)),
    };
    assertThat(report(JANUARY, GroupBy.TEAM, records).rows()).containsExactly(
        new ChargebackReport.Row("-", "EUR", 8_000_000, 1, 0),
        new ChargebackReport.Row("blue", "USD", 4_000_000, 1, 0),
        new ChargebackReport.Row("red", "USD", 3_000_000, 2, 0));
    assertThat(report(JANUARY, GroupBy.COST_CENTER, records).rows()).containsExactly(
        new ChargebackReport.Row("-", "EUR", 8_000_000, 1, 0),
        new ChargebackReport.Row("cc-1", "USD", 1_000_000, 1, 0),
        new ChargebackReport.Row("cc-2", "USD", 6_000_000, 2, 0));
    assertThat(report(JANUARY, GroupBy.NAMESPACE, records).rows()).extracting(ChargebackReport.Row::group)
        .containsExactly("ns-1", "ns-2", "ns-3");
  }

  @Test
  void aScheduleCountsItsRunsInThePeriodFromItsCreation() {
    // daily at 03:00 UTC, created 2025-12-20: January has 31 runs
    ChargebackReport january = report(JANUARY, GroupBy.COST_CENTER,
        create("nightly", "2025-12-20T12:00:00Z", "team-red", "ScheduledSparkApplication",
            schedule("red", "cc-1", 1_000_000, "0 3 * * *", null)));
    assertThat(row(january, "cc-1")).isEqualTo(new ChargebackReport.Row("cc-1", "USD", 31_000_000, 31, 0));
    // created on the 10th at noon: runs from the 11th
    ChargebackReport late = report(JANUARY, GroupBy.COST_CENTER,
        create("nightly", "2026-01-10T12:00:00Z", "team-red", "ScheduledSparkApplication",
            schedule("red", "cc-1", 1_000_000, "0 3 * * *", null)));
    assertThat(row(late, "cc-1").runs()).isEqualTo(21);
    // in its time zone: 03:00 in Tokyo is 18:00 UTC the day before; Feb 1 03:00 JST is still in January UTC
    ChargebackReport tokyo = report(JANUARY, GroupBy.COST_CENTER,
        create("nightly", "2025-12-20T12:00:00Z", "team-red", "ScheduledSparkApplication",
            schedule("red", "cc-1", 1_000_000, "0 3 * * *", "Asia/Tokyo")));
    assertThat(row(tokyo, "cc-1").runs()).isEqualTo(31);
    ChargebackReport hourly = report(JANUARY, GroupBy.COST_CENTER,
        create("hourly", "2025-12-20T12:00:00Z", "team-red", "ScheduledSparkApplication",
            schedule("red", "cc-1", 1_000_000, "@every 1h", null)));
    assertThat(row(hourly, "cc-1").runs()).isEqualTo(31 * 24);
  }

  @Test
  void aScheduleCreatedAgainEndsTheEarlierOneAndItsOperatorRunsAreNotCountedTwice() {
    RunCost runOfNightly = new RunCost("red", "cc-1", "USD", 1_000_000L, null, null, null, null, "nightly");
    ChargebackReport report = report(JANUARY, GroupBy.COST_CENTER,
        create("nightly", "2025-12-20T12:00:00Z", "team-red", "ScheduledSparkApplication",
            schedule("red", "cc-1", 1_000_000, "0 3 * * *", null)),
        create("nightly-again", "2026-01-16T12:00:00Z", "team-red", "ScheduledSparkApplication",
            schedule("red", "cc-1", 2_000_000, "0 3 * * *", null)).name("nightly"),
        create("nightly-1", "2026-01-02T03:00:01Z", "team-red", "SparkApplication", runOfNightly),
        // a run of a schedule whose CREATE is not in the log is counted as a run
        create("weekly-1", "2026-01-02T03:00:01Z", "team-red", "SparkApplication",
            new RunCost("red", "cc-1", "USD", 5_000_000L, null, null, null, null, "weekly")));
    // 1..16 at 03:00 from the first (16 runs), 17..31 from the second (15 runs), and the weekly run
    assertThat(row(report, "cc-1")).isEqualTo(
        new ChargebackReport.Row("cc-1", "USD", 16 * 1_000_000L + 15 * 2_000_000L + 5_000_000L, 32, 0));
  }

  @Test
  void unboundedEstimatesAreListedAndCountedNeverSummed() {
    ChargebackReport report = report(JANUARY, GroupBy.COST_CENTER,
        create("a", "2026-01-05T10:00:00Z", "team-blue", "SparkApplication", run("blue", "cc-2", 3_000_000)),
        create("open", "2026-01-06T10:00:00Z", "team-blue", "SparkApplication",
            new RunCost("blue", "cc-2", "USD", null, "dynamic allocation without a maximum number of executors",
                null, null, null, null)));
    assertThat(report.rows()).containsExactly(new ChargebackReport.Row("cc-2", "USD", 3_000_000, 1, 1));
    assertThat(report.unbounded()).singleElement().satisfies(u -> {
      assertThat(u.name()).isEqualTo("open");
      assertThat(u.reason()).isEqualTo("dynamic allocation without a maximum number of executors");
    });
  }

  @Test
  void periodBoundsAreDatesOrTimes() {
    assertThat(Period.start("2026-01-01")).isEqualTo(JAN_1);
    assertThat(Period.end("2026-01-31")).isEqualTo(FEB_1);
    assertThat(Period.end("2026-02-01T00:00:00Z")).isEqualTo(FEB_1);
    assertThat(Period.start("2026-01-01T01:00:00+01:00")).isEqualTo(JAN_1);
    assertThatThrownBy(() -> Period.start("last month")).hasMessage(
        "'last month' is not a date such as 2026-01-31 or an RFC 3339 time such as 2026-01-31T12:00:00Z");
    assertThatThrownBy(() -> Period.end("2026-02-30")).hasMessageContaining("is not a date");
    assertThatThrownBy(() -> new Period(FEB_1, JAN_1)).hasMessage(
        "--from 2026-02-01T00:00:00Z is not before --to 2026-01-01T00:00:00Z");
  }

  @Test
  void theFormatsCarryTheSameTotals() {
    ChargebackReport report = report(JANUARY, GroupBy.COST_CENTER,
        create("a", "2026-01-05T10:00:00Z", "team-red", "SparkApplication", run("red", "cc, \"main\"", 74_400_000)),
        create("open", "2026-01-06T10:00:00Z", "team-blue", "SparkApplication",
            new RunCost("blue", "cc-2", "USD", null, "no bound", null, null, null, null)));
    assertThat(ChargebackFormat.TABLE.render(report)).isEqualTo("""
        estimated cost of admitted Spark applications from 2026-01-01T00:00:00Z to 2026-02-01T00:00:00Z, by costCenter
        costCenter  currency  amount  runs  unbounded
        cc, "main"  USD       74.40   1     0
        cc-2        USD       0.00    0     1

        no bound on the cost (not summed):
          2026-01-06T10:00:00Z  team-blue/open (SparkApplication): no bound
        """);
    assertThat(ChargebackFormat.CSV.render(report)).isEqualTo("""
        costCenter,currency,amount,micros,runs,unbounded
        "cc, ""main""\",USD,74.40,74400000,1,0
        cc-2,USD,0.00,0,0,1
        """);
    assertThat(ChargebackFormat.JSON.render(report)).contains("\"costCenter\" : \"cc, \\\"main\\\"\"",
        "\"amount\" : \"74.40\"", "\"micros\" : 74400000", "\"reason\" : \"no bound\"");
  }

  @Test
  void groupNamesAreReadAsTheOptionSpellsThem() {
    assertThat(GroupBy.fromWireName("costCenter")).isEqualTo(GroupBy.COST_CENTER);
    assertThat(GroupBy.fromWireName("cost-center")).isEqualTo(GroupBy.COST_CENTER);
    assertThat(GroupBy.fromWireName("team")).isEqualTo(GroupBy.TEAM);
    assertThatThrownBy(() -> GroupBy.fromWireName("user"))
        .hasMessage("expected team, costCenter or namespace, not 'user'");
    assertThat(List.of(GroupBy.values())).extracting(GroupBy::wireName)
        .containsExactly("team", "costCenter", "namespace");
  }
}
