package io.sparkgate.images;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelLateFunctionBindings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scan records in service, by image digest; immutable. Every record was checked against the
 * trusted keys once, when it was loaded: a request only looks a digest up. Of several verified
 * records of one digest the latest scan wins; a record that did not verify is kept only to say so
 * (its findings are never read).
 */
public final class ImageScanIndex {
  /** Name of the late-bound overload of {@code spark.imageScan(string)}. */
  public static final String IMAGE_SCAN_OVERLOAD = "spark_image_scan_string";

  public static final ImageScanIndex EMPTY = new ImageScanIndex(Map.of(), Clock.systemUTC());

  /** A digest's entry: a verified record, or the problem of the record that did not verify. */
  public record Entry(ImageScan scan, String problem, Map<String, Object> celValue) {
    public boolean verified() {
      return scan != null;
    }
  }

  private final Map<String, Entry> byDigest;
  private final Clock clock;
  private final CelFunctionResolver functions;

  private ImageScanIndex(Map<String, Entry> byDigest, Clock clock) {
    this.byDigest = byDigest;
    this.clock = clock;
    this.functions = CelLateFunctionBindings.from(
        CelFunctionBinding.from(IMAGE_SCAN_OVERLOAD, String.class, this::celLookup));
  }

  public static ImageScanIndex of(Collection<ImageScanCheck> checks) {
    return of(checks, Clock.systemUTC());
  }

  public static ImageScanIndex of(Collection<ImageScanCheck> checks, Clock clock) {
    Map<String, Entry> byDigest = new HashMap<>();
    for (ImageScanCheck check : checks) {
      Entry entry = check.verified()
          ? new Entry(check.scan(), null, ImageScanValues.verified(check.scan()))
          : new Entry(null, check.problem(), ImageScanValues.rejected(check.digest(), check.problem()));
      byDigest.merge(check.digest(), entry, ImageScanIndex::better);
    }
    return new ImageScanIndex(Map.copyOf(byDigest), clock);
  }

  private static Entry better(Entry a, Entry b) {
    if (a.verified() != b.verified()) {
      return a.verified() ? a : b;
    }
    if (!a.verified()) {
      return a;
    }
    return a.scan().scannedAtInstant().isBefore(b.scan().scannedAtInstant()) ? b : a;
  }

  /** This index's entries in front of {@code behind}'s: how cluster mode layers the cluster's records over the files'. */
  public ImageScanIndex inFrontOf(ImageScanIndex behind) {
    if (behind.byDigest.isEmpty()) {
      return this;
    }
    Map<String, Entry> merged = new HashMap<>(behind.byDigest);
    byDigest.forEach((digest, entry) -> merged.merge(digest, entry, ImageScanIndex::better));
    return new ImageScanIndex(Map.copyOf(merged), clock);
  }

  /** The entry of the digest an image is pinned by; null for an image not pinned or without record. */
  public Entry lookup(String image) {
    String digest = ImageReference.parse(image).pinnedDigest();
    return digest.isEmpty() ? null : byDigest.get(digest);
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

  public int verifiedCount() {
    return (int) byDigest.values().stream().filter(Entry::verified).count();
  }

  public int rejectedCount() {
    return byDigest.size() - verifiedCount();
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
    Duration age = Duration.between(entry.scan().scannedAtInstant(), Instant.now(clock));
    value.put(ImageScanValues.AGE, age.isNegative() ? Duration.ZERO : age);
    return Optional.of(value);
  }

}
