package io.sparkgate.audit.chargeback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The time a chargeback covers, {@code [from, to)}. Without {@code from} it starts with the log:
 * a ScheduledSparkApplication counts its runs from its creation.
 */
public record Period(Instant from, Instant to) {
  public Period {
    if (to == null) {
      throw new IllegalArgumentException("a chargeback period needs an end");
    }
    if (from != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
    }
  }

  /** A {@code --from} value: a date (its midnight, UTC) or an RFC 3339 time. */
  public static Instant start(String text) {
    return bound(text, false);
  }

  /** A {@code --to} value: a date includes that whole day (UTC); a time is exclusive. */
  public static Instant end(String text) {
    return bound(text, true);
  }

  private static Instant bound(String text, boolean end) {
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a date such as 2026-01-31 or an RFC 3339 time such as 2026-01-31T12:00:00Z");
    }
  }

  boolean contains(Instant time) {
    return (from == null || !time.isBefore(from)) && time.isBefore(to);
  }

  /** The part of {@code [start, end)} inside the period, or null when they do not overlap. */
  Period overlap(Instant start, Instant end) {
    Instant a = from == null || start.isAfter(from) ? start : from;
    Instant b = end == null || end.isAfter(to) ? to : end;
    return a.isBefore(b) ? new Period(a, b) : null;
  }
}
