package io.sparkgate.audit.archive;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server archives its audit log.
 *
 * @param location where segments go
 * @param endpoint an S3-compatible endpoint (path-style addressing); null for AWS S3
 * @param quietInterval seal and upload the active segment when nothing was uploaded for this long
 * @param retention Object Lock retention set on every upload (write-once); null for none
 * @param scanInterval how often sealed local segments are looked for
 */
public record ArchiveSettings(ArchiveLocation location, URI endpoint, Duration quietInterval, Duration retention,
    Duration scanInterval) {
  public static final Duration DEFAULT_QUIET_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(5);

  public ArchiveSettings {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(quietInterval, "quietInterval");
    Objects.requireNonNull(scanInterval, "scanInterval");
    if (quietInterval.isNegative() || quietInterval.isZero() || scanInterval.isNegative() || scanInterval.isZero()) {
      throw new IllegalArgumentException("archive intervals must be positive");
    }
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("--audit-archive-retention must be positive");
    }
  }
}
