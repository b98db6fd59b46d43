package io.sparkgate.cli;

import io.sparkgate.audit.archive.ArchiveLocation;
import io.sparkgate.audit.archive.ArchiveSnapshot;
import io.sparkgate.audit.archive.ArchiveStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sources of the audit review commands: log files, and {@code s3://BUCKET/PREFIX} archives
 * whose segments (within a time range, if given) are copied to a temporary directory that
 * {@link #close()} removes.
 */
final class AuditSources implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final List<Path> files;
  private final List<ArchiveSnapshot> archives;

  private AuditSources(List<Path> files, List<ArchiveSnapshot> archives) {
    this.files = files;
    this.archives = archives;
  }

  /** @throws IOException naming the source that cannot be read; IllegalArgumentException for a malformed s3:// URI */
  static AuditSources resolve(List<String> sources, URI endpoint, Instant since, Instant until) throws IOException {
    List<Path> files = new ArrayList<>();
    List<ArchiveSnapshot> archives = new ArrayList<>();
    AuditSources resolved = new AuditSources(files, archives);
    try {
      for (String source : sources) {
        if (ArchiveLocation.isArchive(source)) {
          ArchiveLocation location = ArchiveLocation.parse(source);
          Path dir = Files.createTempDirectory("sparkgate-audit-");
          try (ArchiveStore store = ArchiveStore.open(location, endpoint, CALL_TIMEOUT)) {
            archives.add(ArchiveSnapshot.download(store, dir, since, until));
          } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
          }
        } else {
          files.add(Path.of(source));
        }
      }
    } catch (IOException | RuntimeException e) {
      resolved.close();
      throw e;
    }
    return resolved;
  }

  List<Path> files() {
    return files;
  }

  List<ArchiveSnapshot> archives() {
    return archives;
  }

  /** Files and every downloaded segment. */
  List<Path> all() {
    List<Path> all = new ArrayList<>(files);
    archives.forEach(a -> all.addAll(a.allSegments()));
    return all;
  }

  @Override
  public void close() {
    for (ArchiveSnapshot archive : archives) {
      deleteTree(archive.directory());
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary copy; leaving it behind is harmless.
    }
  }
}
