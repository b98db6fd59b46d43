package io.sparkgate.spark;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schedule of a ScheduledSparkApplication as the kubeflow operator reads it (robfig/cron's
 * standard parser): five cron fields (minute, hour, day of month, month, day of week), the
 * descriptors {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}, {@code @every
 * <Go duration>}, and an optional {@code CRON_TZ=<zone>} / {@code TZ=<zone>} prefix; in the time
 * zone of {@code spec.timeZone} (empty or {@code Local}: the operator's, taken as UTC).
 */
public final class SparkSchedule {

  /** The window runs per month are counted in: 30 days. */
  public static final Duration MONTH = Duration.ofDays(30);


  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  /** Parsed schedules by text and zone: parsing a cron is slower than evaluating a policy. */
  private static final int CACHED = 1024;
  private static final Map<String, SparkSchedule> PARSED = new ConcurrentHashMap<>();

  private final String text;
  private final ZoneId zone;
  private final CronFields cron;
  private final Duration every;

  private SparkSchedule(String text, ZoneId zone, CronFields cron, Duration every) {
    this.text = text;
    this.zone = zone;
    this.cron = cron;
    this.every = every;
  }

  /**
   * Reads a schedule and its time zone.
   *
   * @throws SparkValueException naming the field when either does not parse
   */
  public static SparkSchedule parse(String schedule, String timeZone, String field) {
    String key = field + "\u0000" + schedule + "\u0000" + timeZone;
    SparkSchedule cached = PARSED.get(key);
    if (cached != null) {
      return cached;
    }
    SparkSchedule parsed = read(schedule, timeZone, field);
    if (PARSED.size() >= CACHED) {
      PARSED.clear();
    }
    PARSED.put(key, parsed);
    return parsed;
  }

  private static SparkSchedule read(String schedule, String timeZone, String field) {
    String zoneField = field.replaceAll("schedule$", "timeZone");
    ZoneId zone = zone(timeZone, zoneField);
    String text = schedule.trim();
    if (text.startsWith("CRON_TZ=") || text.startsWith("TZ=")) {
      int space = text.indexOf(' ');
      String name = text.substring(text.indexOf('=') + 1, space < 0 ? text.length() : space);
      zone = zone(name, field + " time zone");
      text = space < 0 ? "" : text.substring(space + 1).trim();
    }
    if (text.startsWith("@every ")) {
      String interval = text.substring("@every ".length()).trim();
      Duration every =
          GoDuration.parse(interval)
              .orElseThrow(() -> bad(field, schedule, "@every needs a duration such as 1h, 30m or 1h30m"));
      // robfig/cron: whole seconds, at least one.
      long seconds = Math.max(1, every.getSeconds());
      return new SparkSchedule(schedule, zone, null, Duration.ofSeconds(seconds));
    }
    String cronText = DESCRIPTORS.getOrDefault(text, text);
    if (cronText.startsWith("@")) {
      throw bad(field, schedule, "unknown descriptor: use @yearly, @monthly, @weekly, @daily, @hourly or @every <duration>");
    }
    try {
      PARSER.parse(cronText).validate();
      return new SparkSchedule(schedule, zone, CronFields.of(cronText), null);
    } catch (IllegalArgumentException e) {
      throw bad(field, schedule, "a schedule is 5 cron fields (minute hour day-of-month month day-of-week), a descriptor such as @daily, or @every <duration>: " + e.getMessage());
    }
  }

  /** Runs in 30 days, starting at midnight of a Monday in the schedule's time zone. */
  public long runsPerMonth() {
    if (every != null) {
      return MONTH.getSeconds() / every.getSeconds();
    }
    ZonedDateTime start = LocalDate.of(2026, 1, 5).atStartOfDay(zone);
    return runsBetween(start.toInstant(), start.plus(MONTH).toInstant(), start.toInstant());
  }

  /**
   * The runs in {@code [from, to)} of a schedule created at {@code created}: an {@code @every}
   * schedule runs an interval after its creation and every interval since.
   */
  public long runsBetween(Instant from, Instant to, Instant created) {
    if (!to.isAfter(from)) {
      return 0;
    }
    if (every != null) {
      long interval = every.getSeconds();
      long first = Math.max(0, ceilDiv(from.getEpochSecond() - created.getEpochSecond(), interval));
      first = Math.max(first, 1);
      long last = ceilDiv(to.getEpochSecond() - created.getEpochSecond(), interval) - 1;
      return Math.max(0, last - first + 1);
    }
    LocalDate first = from.atZone(zone).toLocalDate();
    LocalDate last = to.atZone(zone).toLocalDate();
    long runs = 0;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      if (!cron.runsOn(day)) {
        continue;
      }
      if (day.isAfter(first) && day.isBefore(last)) {
        runs += cron.runsPerDay();
      } else {
        runs += runsOnBoundaryDay(day, from, to);
      }
    }
    return runs;
  }

  private long runsOnBoundaryDay(LocalDate day, Instant from, Instant to) {
    long runs = 0;
    for (int hour = cron.hours().nextSetBit(0); hour >= 0; hour = cron.hours().nextSetBit(hour + 1)) {
      for (int minute = cron.minutes().nextSetBit(0); minute >= 0; minute = cron.minutes().nextSetBit(minute + 1)) {
        Instant run = day.atTime(hour, minute).atZone(zone).toInstant();
        if (!run.isBefore(from) && run.isBefore(to)) {
          runs++;
        }
      }
    }
    return runs;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static ZoneId zone(String name, String field) {
    if (name == null || name.isEmpty() || name.equals("Local") || name.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new SparkValueException(
          field + " " + ValueText.quote(name) + " is not a time zone: use an IANA name such as Europe/Berlin");
    }
  }

  private static SparkValueException bad(String field, String schedule, String what) {
    return new SparkValueException(field + " " + ValueText.quote(schedule) + " does not parse: " + what);
  }
}
