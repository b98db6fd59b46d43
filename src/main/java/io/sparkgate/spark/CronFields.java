package io.sparkgate.spark;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The value sets of a five-field cron expression that cron-utils has already validated, for
 * counting runs without stepping through them one by one. Day of month and day of week combine as
 * robfig/cron (the kubeflow operator's library) combines them: when either field is {@code *}, a
 * day must match both; otherwise it must match one.
 */
final class CronFields {

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDay;

  private CronFields(String[] fields) {
    minutes = field(fields[0], 0, 59, List.of(), 0);
    hours = field(fields[1], 0, 23, List.of(), 0);
    daysOfMonth = field(fields[2], 1, 31, List.of(), 0);
    months = field(fields[3], 1, 12, MONTHS, 1);
    BitSet week = field(fields[4], 0, 7, DAYS, 0);
    if (week.get(7)) {
      week.set(0);
    }
    daysOfWeek = week;
    anyDay = isStar(fields[2]) || isStar(fields[4]);
  }

  static CronFields of(String expression) {
    String[] fields = expression.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("expected 5 fields, got " + fields.length);
    }
    return new CronFields(fields);
  }

  /** How many times a day the schedule runs on a day it runs. */
  int runsPerDay() {
    return minutes.cardinality() * hours.cardinality();
  }

  boolean runsOn(LocalDate date) {
    if (!months.get(date.getMonthValue())) {
      return false;
    }
    boolean dayOfMonth = daysOfMonth.get(date.getDayOfMonth());
    boolean dayOfWeek = daysOfWeek.get(date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
    return anyDay ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
  }

  BitSet hours() {
    return hours;
  }

  BitSet minutes() {
    return minutes;
  }

  private static boolean isStar(String field) {
    return field.equals("*") || field.equals("?");
  }

  private static BitSet field(String text, int min, int max, List<String> names, int firstName) {
    BitSet values = new BitSet(max + 1);
    for (String item : text.split(",")) {
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = Integer.parseInt(item.substring(slash + 1));
        if (step <= 0) {
          throw new IllegalArgumentException("step " + step + " must be positive");
        }
      }
      int low;
      int high;
      if (range.equals("*") || range.equals("?")) {
        low = min;
        high = max;
      } else if (range.contains("-")) {
        int dash = range.indexOf('-');
        low = value(range.substring(0, dash), names, firstName);
        high = value(range.substring(dash + 1), names, firstName);
      } else {
        low = value(range, names, firstName);
        high = slash >= 0 ? max : low;
      }
      if (low < min || high > max || low > high) {
        throw new IllegalArgumentException(item + " is outside " + min + "-" + max);
      }
      for (int value = low; value <= high; value += step) {
        values.set(value);
      }
    }
    return values;
  }

  private static int value(String text, List<String> names, int firstName) {
    int index = names.indexOf(text.toUpperCase(Locale.ROOT));
    return index >= 0 ? index + firstName : Integer.parseInt(text);
  }
}
