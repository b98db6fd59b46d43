package io.sparkgate.audit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A local copy of an archive's segments (optionally only those with lines in a time range), laid
 * out as {@code <directory>/<instance>/<segment>} so that the file-based review commands read it.
 */
public record ArchiveSnapshot(ArchiveLocation location, Path directory, Map<String, List<Path>> segmentsByInstance) {

  public static ArchiveSnapshot download(ArchiveStore store, Path directory, Instant since, Instant until)
      throws IOException {
    Map<String, List<Path>> byInstance = new TreeMap<>();
    for (SegmentKey key : store.listSegments()) {
      if (!key.overlaps(since, until)) {
        continue;
      }
      Path instanceDir = Files.createDirectories(directory.resolve(key.instance()));
      Path target = instanceDir.resolve(key.fileName());
      store.download(key, target);
      byInstance.computeIfAbsent(key.instance(), i -> new ArrayList<>()).add(target);
    }
    byInstance.replaceAll((instance, files) -> List.copyOf(files));
    return new ArchiveSnapshot(store.location(), directory, byInstance);
  }

  public List<Path> allSegments() {
    return segmentsByInstance.values().stream().flatMap(List::stream).toList();
  }

  /** Replaces local paths in a message by the archive's object names. */
  public String describe(String message) {
    return message.replace(directory + "/", location + "/");
  }
}
