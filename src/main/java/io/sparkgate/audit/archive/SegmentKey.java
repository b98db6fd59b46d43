package io.sparkgate.audit.archive;

import io.sparkgate.audit.SegmentInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object name of a sealed segment, derived from its content only, so a re-upload after a
 * restart targets the same key: {@code <firstSeq>-<lastSeq>_<firstTime>_<lastTime>.log} with
 * 12-digit sequence numbers (names sort in chain order) and compact UTC times (a time range is
 * selected from a listing, without reading objects).
 */
public record SegmentKey(String instance, long firstSeq, long lastSeq, Instant firstTime, Instant lastTime) {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern NAME = Pattern.compile("(\\d{12,19})-(\\d{12,19})_(\\d{8}T\\d{9}Z)_(\\d{8}T\\d{9}Z)\\.log");
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  public static SegmentKey of(String instance, SegmentInfo info) {
    return new SegmentKey(instance, info.firstSeq(), info.lastSeq(), info.firstTime(), info.lastTime());
  }

  /** @throws IllegalArgumentException if the instance id cannot be one component of an object key */
  public static String checkInstance(String instance) {
    if (!INSTANCE.matcher(instance).matches()) {
      throw new IllegalArgumentException("audit instance id '" + instance
          + "' must be letters, digits, '.', '_' or '-' (it names a folder of the archive)");
    }
    return instance;
  }

  /** Parses a listed object name ({@code <instance>/<name>} below the archive prefix); empty if it is not a segment. */
  public static Optional<SegmentKey> parse(String relativeKey) {
    int slash = relativeKey.indexOf('/');
    if (slash <= 0 || relativeKey.indexOf('/', slash + 1) >= 0) {
      return Optional.empty();
    }
    Matcher m = NAME.matcher(relativeKey.substring(slash + 1));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SegmentKey(relativeKey.substring(0, slash), Long.parseLong(m.group(1)),
          Long.parseLong(m.group(2)), Instant.from(TIME.parse(m.group(3))), Instant.from(TIME.parse(m.group(4)))));
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public String fileName() {
    return String.format("%012d-%012d_%s_%s.log", firstSeq, lastSeq, TIME.format(firstTime), TIME.format(lastTime));
  }

  public String objectKey(ArchiveLocation location) {
    return location.instancePrefix(instance) + fileName();
  }

  /** Whether this segment has lines in [since, until); null bounds are open. */
  public boolean overlaps(Instant since, Instant until) {
    return (since == null || !lastTime.isBefore(since)) && (until == null || firstTime.isBefore(until));
  }
}
