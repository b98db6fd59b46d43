package io.sparkgate.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Naming and retention of rotated files. A rotated file is named {@code <active>.<seq>} where seq
 * (zero-padded to 12 digits) is the sequence number of its last line, its rotation checkpoint; so
 * names sort in chain order and never collide.
 */
final class AuditRotation {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRotation.class);

  private final Path activeFile;
  private final int retainedFiles;
  private final Pattern rotatedName;

  AuditRotation(Path activeFile, int retainedFiles) {
    this.activeFile = activeFile;
    this.retainedFiles = retainedFiles;
    this.rotatedName = Pattern.compile(Pattern.quote(activeFile.getFileName().toString()) + "\\.(\\d+)");
  }

  Path rotatedPath(long lastSeq) {
    return activeFile.resolveSibling(activeFile.getFileName() + "." + String.format("%012d", lastSeq));
  }

  /** Rotated files, oldest first. */
  List<Path> rotatedFiles() throws IOException {
    record Numbered(Path path, long seq) {}
    List<Numbered> found = new ArrayList<>();
    Path dir = activeFile.toAbsolutePath().getParent();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(p -> {
        Matcher m = rotatedName.matcher(p.getFileName().toString());
        if (m.matches() && m.group(1).length() < 19) {
          found.add(new Numbered(p, Long.parseLong(m.group(1))));
        }
      });
    }
    found.sort(Comparator.comparingLong(Numbered::seq));
    return found.stream().map(Numbered::path).toList();
  }

  Path newestRotated() throws IOException {
    List<Path> rotated = rotatedFiles();
    return rotated.isEmpty() ? null : rotated.get(rotated.size() - 1);
  }

  Path moveActiveAway(long lastSeq) throws IOException {
    Path target = rotatedPath(lastSeq);
    Files.move(activeFile, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  void applyRetention() {
    try {
      List<Path> rotated = rotatedFiles();
      for (int i = 0; i < rotated.size() - retainedFiles; i++) {
        Files.deleteIfExists(rotated.get(i));
        LOG.info("deleted rotated audit log {} (retention {} files)", rotated.get(i), retainedFiles);
      }
    } catch (IOException e) {
      LOG.warn("audit log retention failed in {}: {}", activeFile.toAbsolutePath().getParent(), e.toString());
    }
  }
}
