package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@SuppressWarnings("unchecked")
class SparkCostTest {

  private static final String WORKED_EXAMPLE =
      """
      apiVersion: sparkoperator.k8s.io/v1beta2
      kind: SparkApplication
      metadata: {name: x}
      spec:
        driver: {cores: 1, coreLimit: "1", memory: 4g, memoryOverhead: 1g}
        executor: {instances: 10, cores: 4, coreLimit: "4", memory: 8g, memoryOverhead: 2g}
      """;
  private static final String RATES =
      "{'currency': 'USD', 'cpuCoreHour': '0.05', 'memoryGiBHour': '0.01'}";

  @Test
  void theWorkedExampleCosts7440() {
    Object cost = SparkCel.eval("spark.cost(object, " + RATES + ", 86400)", WORKED_EXAMPLE);
    assertThat((Map<Object, Object>) cost)
        .containsEntry("micros", 74_400_000L)
        .containsEntry("amount", "74.40 USD")
        .containsEntry("bounded", true)
        .containsEntry(
            "breakdown",
            "driver 1 core 5 GiB, executors 10 × 4 cores 10 GiB, 24 h, rates 0.05/core-hour"
                + " 0.01/GiB-hour");
  }

  @Test
  void aFractionOfAnHourIsExact() {
    // 100 s of 3.10 per hour = 0.086111… → 0.086111 in micro-units, 0.09 shown
    Object cost = SparkCel.eval("spark.cost(object, " + RATES + ", 100)", WORKED_EXAMPLE);
    assertThat((Map<Object, Object>) cost).containsEntry("micros", 86_111L).containsEntry("amount", "0.09 USD");
  }

  @Test
  void badRatesAndAmountsAreErrorsNotZero() {
    assertThat(
            SparkCel.error(
                "spark.cost(object, {'currency': 'USD', 'cpuCoreHour': 'five', 'memoryGiBHour': '0.01'}, 3600)",
                WORKED_EXAMPLE))
        .contains("spark.cost: rates.cpuCoreHour \"five\" is not an amount");
    assertThat(
            SparkCel.error(
                "spark.cost(object, {'currency': 'USD', 'cpuCoreHour': '0.05'}, 3600)", WORKED_EXAMPLE))
        .contains("spark.cost: rates.memoryGiBHour is missing");
    assertThat(SparkCel.error("spark.cost(object, " + RATES + ", -1)", WORKED_EXAMPLE))
        .contains("the duration of a run is negative");
    assertThat(SparkCel.error("spark.micros('-5')")).contains("spark.micros: amount \"-5\" is not an amount");
    assertThat(SparkCel.error("spark.micros('1e3')")).contains("is not an amount");
    assertThat(SparkCel.eval("spark.micros('70')")).isEqualTo(70_000_000L);
    assertThat(SparkCel.eval("spark.money(74400000, 'USD')")).isEqualTo("74.40 USD");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@every 1h | '' | 720",
        "@every 3m | '' | 14400",
        "@every 1h30m | '' | 480",
        "@every 500ms | '' | 2592000",
        "@hourly | '' | 720",
        "@daily | Europe/Berlin | 30",
        "@weekly | '' | 4",
        "@monthly | '' | 1",
        "0 9 * * 1-5 | America/New_York | 22",
        "*/15 * * * * | '' | 2880",
        "0 0 1,15 * * | '' | 2",
        "0 0 1 * MON | '' | 6",
        "CRON_TZ=Asia/Tokyo 0 9 * * * | '' | 30",
      })
  void runsPerMonth(String schedule, String zone, long runs) {
    assertThat(SparkSchedule.parse(schedule, zone, "spec.schedule").runsPerMonth()).isEqualTo(runs);
  }

  @Test
  void theTimeZoneDecidesWhichRunsFallInAPeriod() {
    // 23:30 every day. In UTC nothing runs between 00:00Z and 12:00Z; in Los Angeles the run of
    // February 28th, 23:30 local, is at 07:30Z on March 1st.
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    Instant to = Instant.parse("2026-03-01T12:00:00Z");
    Instant created = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(SparkSchedule.parse("30 23 * * *", "UTC", "spec.schedule").runsBetween(from, to, created))
        .isZero();
    assertThat(
            SparkSchedule.parse("30 23 * * *", "America/Los_Angeles", "spec.schedule")
                .runsBetween(from, to, created))
        .isEqualTo(1);
    // a whole year of a weekday cron, in New York
    assertThat(
            SparkSchedule.parse("0 9 * * 1-5", "America/New_York", "spec.schedule")
                .runsBetween(Instant.parse("2026-01-01T05:00:00Z"), Instant.parse("2027-01-01T05:00:00Z"), created))
        .isEqualTo(261);
  }

  @Test
  void everyRunsAnIntervalAfterCreation() {
    Instant created = Instant.parse("2026-03-01T00:10:00Z");
    SparkSchedule hourly = SparkSchedule.parse("@every 1h", "", "spec.schedule");
    // runs at 01:10, 02:10, …, 23:10 on March 1st
    assertThat(hourly.runsBetween(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"), created))
        .isEqualTo(23);
    assertThat(hourly.runsBetween(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), created))
        .isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 25 * * * | '' | spec.schedule \"0 25 * * *\" does not parse",
        "* * * * | '' | spec.schedule \"* * * *\" does not parse",
        "@every | '' | does not parse",
        "@every often | '' | @every needs a duration",
        "@sometimes | '' | unknown descriptor",
        "@daily | Mars/Olympus | spec.timeZone \"Mars/Olympus\" is not a time zone",
        "CRON_TZ=Nowhere/Else 0 9 * * * | '' | spec.schedule time zone \"Nowhere/Else\" is not a time zone",
      })
  void schedulesThatDoNotParseAreErrors(String schedule, String zone, String message) {
    assertThatThrownBy(() -> SparkSchedule.parse(schedule, zone, "spec.schedule"))
        .isInstanceOf(SparkValueException.class)
        .hasMessageContaining(message);
  }
}
