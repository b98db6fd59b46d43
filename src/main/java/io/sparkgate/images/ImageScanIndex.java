package io.sparkgate.images;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelLateFunctionBindings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scan records in service, by image digest. Every record was checked against the trusted keys
 * once, when it arrived: a request only looks a digest up. Of several verified records of one
 * digest the latest scan wins; a record that did not verify is kept only to say so (its findings
 * are never read).
 *
 * <p>An index built from files is immutable. Cluster mode layers the live index of an
 * {@link ImageScanStore} in front of it ({@link #inFrontOf}): lookups read both, without locking.
 */
public final class ImageScanIndex {
  /** Name of the late-bound overload of {@code spark.imageScan(string)}. */
  public static final String IMAGE_SCAN_OVERLOAD = "spark_image_scan_string";

  public static final ImageScanIndex EMPTY = of(List.of(), ImageScanKeys.NONE, Clock.systemUTC());

  /** A digest's entry: a verified record, or the problem of the record that did not verify. */
  public record Entry(ImageScan scan, String problem, Map<String, Object> celValue) {
    public boolean verified() {
      return scan != null;
    }

    static Entry of(ImageScanCheck check) {
      return check.verified()
          ? new Entry(check.scan(), null, ImageScanValues.verified(check.scan()))
          : new Entry(null, check.problem(), ImageScanValues.rejected(check.digest(), check.problem()));
    }
  }

  /** How many records an index holds, by state (records, not digests: two records of one digest count twice). */
  interface Counts {
    int verified();

    int rejected();
  }

  private final Map<String, Entry> byDigest;
  private final Counts counts;
  private final ImageScanIndex behind;
  private final ImageScanKeys keys;
  private final Clock clock;
  private final CelFunctionResolver functions;

  private ImageScanIndex(Map<String, Entry> byDigest, Counts counts, ImageScanIndex behind, ImageScanKeys keys,
      Clock clock) {
    this.byDigest = byDigest;
    this.counts = counts;
    this.behind = behind;
    this.keys = keys;
    this.clock = clock;
    this.functions = CelLateFunctionBindings.from(
        CelFunctionBinding.from(IMAGE_SCAN_OVERLOAD, String.class, this::celLookup));
  }

  public static ImageScanIndex of(Collection<ImageScanCheck> checks) {
    return of(checks, ImageScanKeys.NONE, Clock.systemUTC());
  }

  public static ImageScanIndex of(Collection<ImageScanCheck> checks, Clock clock) {
    return of(checks, ImageScanKeys.NONE, clock);
  }

  /** The records of {@code checks}, verified with {@code keys}. */
  public static ImageScanIndex of(Collection<ImageScanCheck> checks, ImageScanKeys keys, Clock clock) {
    Map<String, Entry> byDigest = new HashMap<>();
    int verified = 0;
    for (ImageScanCheck check : checks) {
      verified += check.verified() ? 1 : 0;
      byDigest.merge(check.digest(), Entry.of(check), ImageScanIndex::better);
    }
    int rejected = checks.size() - verified;
    int verifiedRecords = verified;
    return new ImageScanIndex(Map.copyOf(byDigest), new Counts() {
      @Override
      public int verified() {
        return verifiedRecords;
      }

      @Override
      public int rejected() {
        return rejected;
      }
    }, null, keys, clock);
  }

  /** An index reading a map that its owner keeps current (a concurrent map). */
  static ImageScanIndex live(Map<String, Entry> byDigest, Counts counts, ImageScanKeys keys) {
    return new ImageScanIndex(byDigest, counts, null, keys, Clock.systemUTC());
  }

  static Entry better(Entry a, Entry b) {
    if (a.verified() != b.verified()) {
      return a.verified() ? a : b;
    }
    if (!a.verified()) {
      return a;
    }
    return a.scan().scannedAtInstant().isBefore(b.scan().scannedAtInstant()) ? b : a;
  }

  /**
   * This index's entries in front of {@code behind}'s, read through (not copied): how cluster mode
   * layers the cluster's records over the files'. Per digest the better entry wins (a verified
   * record over one that does not verify, then the latest scan). The trusted keys and clock are
   * {@code behind}'s.
   */
  public ImageScanIndex inFrontOf(ImageScanIndex behind) {
    return new ImageScanIndex(byDigest, counts, behind, behind.keys, behind.clock);
  }

  /** The keys this index's own records were verified with. */
  public ImageScanKeys keys() {
    return keys;
  }

  /** The entry of the digest an image is pinned by; null for an image not pinned or without record. */
  public Entry lookup(String image) {
    String digest = ImageReference.parse(image).pinnedDigest();
    return digest.isEmpty() ? null : entry(digest);
  }

  private Entry entry(String digest) {
    Entry own = byDigest.get(digest);
    if (behind == null) {
      return own;
    }
    Entry back = behind.entry(digest);
    if (own == null || back == null) {
      return own != null ? own : back;
    }
    return better(own, back);
  }

  /** The verified records of these images (those pinned and recorded), in image order. */
  public Map<String, ImageScan> verifiedRecords(List<String> images) {
    Map<String, ImageScan> records = new LinkedHashMap<>();
    for (String image : images) {
      Entry entry = lookup(image);
      if (entry != null && entry.verified()) {
        records.put(image, entry.scan());
      }
    }
    return records;
  }

  /** The late-bound CEL functions reading this index ({@code spark.imageScan}). */
  public CelFunctionResolver functions() {
    return functions;
  }

  /** Records in service that verified, from every layer. */
  public int verifiedCount() {
    return counts.verified() + (behind == null ? 0 : behind.verifiedCount());
  }

  /** Records in service that did not verify (never used), from every layer. */
  public int rejectedCount() {
    return counts.rejected() + (behind == null ? 0 : behind.rejectedCount());
  }

  private Optional<Object> celLookup(String image) {
    Entry entry = lookup(image);
    if (entry == null) {
      return Optional.empty();
    }
    if (!entry.verified()) {
      return Optional.of(entry.celValue());
    }
    Map<String, Object> value = new HashMap<>(entry.celValue());
    // the scan time as parsed when the record arrived, not parsed again per call
    Instant scannedAt = (Instant) entry.celValue().get(ImageScanValues.SCANNED_AT);
    Duration age = Duration.between(scannedAt, Instant.now(clock));
    value.put(ImageScanValues.AGE, age.isNegative() ? Duration.ZERO : age);
    return Optional.of(value);
  }
}
