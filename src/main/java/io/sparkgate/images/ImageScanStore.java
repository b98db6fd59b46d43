package io.sparkgate.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ImageScan objects as a watch last delivered them, by object name, each verified once when it
 * arrives (and again only when the trusted keys change). Changes are serialised; {@link #index()}
 * reads a concurrent map kept current per digest, so a request never locks and never verifies.
 */
public final class ImageScanStore {
  private final Map<String, JsonNode> objects = new HashMap<>();
  private final Map<String, ImageScanCheck> checks = new HashMap<>();
  private final Map<String, Set<String>> namesByDigest = new HashMap<>();
  private final Map<String, ImageScanIndex.Entry> byDigest = new ConcurrentHashMap<>();
  private volatile int verified;
  private volatile int rejected;
  private ImageScanKeys keys = ImageScanKeys.NONE;
  private final ImageScanIndex index = ImageScanIndex.live(byDigest, new ImageScanIndex.Counts() {
    @Override
    public int verified() {
      return verified;
    }

    @Override
    public int rejected() {
      return rejected;
    }
  }, ImageScanKeys.NONE);

  /** The records held, as an index to layer in front of a policy set's ({@link ImageScanIndex#inFrontOf}). */
  public ImageScanIndex index() {
    return index;
  }

  /** Adds or replaces the object of its name; the outcome of its check, for the caller to report. */
  public synchronized ImageScanCheck put(JsonNode object) {
    String name = name(object);
    ImageScanCheck old = checks.get(name);
    forget(name);
    if (old != null) {
      refresh(old.digest());
    }
    ImageScanCheck check = ImageScanCheck.of(object, keys);
    objects.put(name, object);
    checks.put(name, check);
    namesByDigest.computeIfAbsent(check.digest(), d -> new HashSet<>()).add(name);
    count(check, 1);
    refresh(check.digest());
    return check;
  }

  public synchronized void remove(String name) {
    ImageScanCheck removed = checks.get(name);
    forget(name);
    if (removed != null) {
      refresh(removed.digest());
    }
  }

  /** Drops every record (the watch stopped). */
  public synchronized void clear() {
    objects.clear();
    checks.clear();
    namesByDigest.clear();
    byDigest.clear();
    verified = 0;
    rejected = 0;
  }

  /**
   * Verifies records with {@code trusted} from now on; when the keys changed, every record held is
   * verified again. Returns the records that do not verify after a change, else an empty list.
   */
  public synchronized List<Rejected> trust(ImageScanKeys trusted) {
    if (trusted.equals(keys)) {
      return List.of();
    }
    keys = trusted;
    List<JsonNode> held = new ArrayList<>(objects.values());
    clear();
    List<Rejected> rejectedRecords = new ArrayList<>();
    for (JsonNode object : held) {
      ImageScanCheck check = put(object);
      if (!check.verified()) {
        rejectedRecords.add(new Rejected(name(object), check.problem()));
      }
    }
    return rejectedRecords;
  }

  /** A record held that is not used, and why. */
  public record Rejected(String name, String problem) {}

  public synchronized int size() {
    return objects.size();
  }

  private void forget(String name) {
    ImageScanCheck old = checks.remove(name);
    objects.remove(name);
    if (old == null) {
      return;
    }
    count(old, -1);
    Set<String> names = namesByDigest.get(old.digest());
    if (names != null) {
      names.remove(name);
      if (names.isEmpty()) {
        namesByDigest.remove(old.digest());
      }
    }
  }

  private void count(ImageScanCheck check, int delta) {
    if (check.verified()) {
      verified += delta;
    } else {
      rejected += delta;
    }
  }

  /** Recomputes the entry of one digest from the records that name it. */
  private void refresh(String digest) {
    ImageScanIndex.Entry best = null;
    for (String name : namesByDigest.getOrDefault(digest, Set.of())) {
      ImageScanIndex.Entry entry = ImageScanIndex.Entry.of(checks.get(name));
      best = best == null ? entry : ImageScanIndex.better(best, entry);
    }
    if (best == null) {
      byDigest.remove(digest);
    } else {
      byDigest.put(digest, best);
    }
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asText("");
  }
}
