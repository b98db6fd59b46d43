package io.sparkgate.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Puts log files given in any order (e.g. by a shell glob) into chain order. */
public final class AuditFiles {
  private AuditFiles() {}

  /**
   * Sorts by the {@code seq} of each file's first line. Files whose first line cannot be parsed
   * go last, in the given order, so that verification reports them rather than hiding them.
   *
   * @throws IOException naming the file if one is missing or unreadable
   */
  public static List<Path> inChainOrder(List<Path> files) throws IOException {
    record Keyed(Path path, long firstSeq, int index) {}
    List<Keyed> keyed = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      if (!seen.add(f.toAbsolutePath().normalize())) {
        continue;
      }
      if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
        throw new IOException(f + ": no such readable file");
      }
      keyed.add(new Keyed(f, firstSeq(f), i));
    }
    keyed.sort(Comparator.comparingLong(Keyed::firstSeq).thenComparingInt(Keyed::index));
    return keyed.stream().map(Keyed::path).toList();
  }

  private static long firstSeq(Path f) throws IOException {
    try (LogLines lines = new LogLines(List.of(f))) {
      RawLine first = lines.next();
      if (first == null) {
        return Long.MAX_VALUE;
      }
      return AuditLine.parse(first.bytes()).seq();
    } catch (AuditLine.MalformedLineException e) {
      return Long.MAX_VALUE;
    }
  }
}
