package io.sparkgate.audit;

/**
 * The estimated cost of an admitted Spark application, as its audit record carries it. Exactly
 * one of {@code perRunMicros} and {@code unbounded} is set: an estimate without a bound says why,
 * and is never a zero.
 *
 * @param team the tenant's {@code spec.team} ("" when unset)
 * @param costCenter the tenant's {@code spec.costCenter} ("" when unset)
 * @param perRunMicros the estimate of one run in micro-units of {@code currency}, or null
 * @param unbounded why the estimate has no amount, or null
 * @param runsPerMonth a ScheduledSparkApplication's runs in 30 days, or null
 * @param schedule a ScheduledSparkApplication's {@code spec.schedule}, or null
 * @param timeZone its {@code spec.timeZone}, or null
 * @param scheduledBy for a run the operator created from a ScheduledSparkApplication, that
 *     application's name (its owner), or null
 */
public record RunCost(
    String team,
    String costCenter,
    String currency,
    Long perRunMicros,
    String unbounded,
    Long runsPerMonth,
    String schedule,
    String timeZone,
    String scheduledBy) {

  public RunCost {
    team = team == null ? "" : team;
    costCenter = costCenter == null ? "" : costCenter;
    currency = currency == null ? "" : currency;
    if ((perRunMicros == null) == (unbounded == null)) {
      throw new IllegalArgumentException("a run cost has either an amount or the reason it has none");
    }
  }

  public boolean bounded() {
    return perRunMicros != null;
  }

  /** A ScheduledSparkApplication: the cost is per run, and the runs come from the schedule. */
  public boolean scheduled() {
    return schedule != null;
  }
}
