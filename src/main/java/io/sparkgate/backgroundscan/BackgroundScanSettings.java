package io.sparkgate.backgroundscan;

import java.time.Duration;

/**
 * {@code serve --background-scan=PERIOD}: how often the scan runs, how soon after a change, how
 * it yields to admission, and the Lease that lets one replica at a time write the reports.
 *
 * @param period a full scan this often
 * @param debounce a scan this long after the first change to the policy set, a tenant, an exception
 *     or a namespace (changes within the window share the scan)
 */
public record BackgroundScanSettings(Duration period, Duration debounce, Pacing pacing, LeaseSettings lease) {
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(5);

  /**
   * How the scan shares the CPU: after working for {@code slice}, it sleeps for {@code pause}, so it
   * takes at most {@code slice / (slice + pause)} of one core whatever the admission load.
   */
  public record Pacing(Duration slice, Duration pause) {
    public static final Pacing DEFAULT = new Pacing(Duration.ofMillis(5), Duration.ofMillis(5));
    /** No pauses: as fast as one thread goes (benchmarks compare against it). */
    public static final Pacing UNPACED = new Pacing(Duration.ofDays(1), Duration.ZERO);
  }

  /** The Lease: its name and namespace, this replica's identity in it, and client-go's timings. */
  public record LeaseSettings(String name, String namespace, String identity, LeaseTiming timing) {
    public static final String DEFAULT_NAME = "sparkgate-background-scan";
  }

  /**
   * A lease not renewed for {@code duration} may be taken by another replica; its holder stops
   * writing when it has not renewed for {@code renewDeadline}; attempts every {@code retryPeriod}.
   */
  public record LeaseTiming(Duration duration, Duration renewDeadline, Duration retryPeriod) {
    public static final LeaseTiming DEFAULT = new LeaseTiming(Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2));
  }

  public static BackgroundScanSettings of(Duration period, String namespace, String identity) {
    return new BackgroundScanSettings(period, DEFAULT_DEBOUNCE, Pacing.DEFAULT,
        new LeaseSettings(LeaseSettings.DEFAULT_NAME, namespace, identity, LeaseTiming.DEFAULT));
  }

  public BackgroundScanSettings withLease(LeaseSettings lease) {
    return new BackgroundScanSettings(period, debounce, pacing, lease);
  }
}
