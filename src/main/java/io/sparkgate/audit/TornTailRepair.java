package io.sparkgate.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A crash in the middle of a write can leave a partial last line. Every complete line ends with
 * {@code '\n'}, so whatever follows the last newline is torn: it is cut off so the chain continues
 * from the last complete line. The records in a torn line were never acknowledged (their futures
 * complete only after the whole write), so no acknowledged decision is lost.
 */
public final class TornTailRepair {
  private static final Logger LOG = LoggerFactory.getLogger(TornTailRepair.class);

  /** Outcome of the check; {@code removedBytes == 0} means the file was intact. */
  public record Result(Path file, long removedBytes, long sizeAfter) {
    public boolean repaired() {
      return removedBytes > 0;
    }
  }

  private TornTailRepair() {}

  /** Checks and repairs a file that no writer has open. */
  public static Result repair(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      return repair(ch, file);
    }
  }

  static Result repair(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    if (size == 0 || lastByte(ch, size) == '\n') {
      return new Result(file, 0, size);
    }
    long keep = LogTail.lastNewlineBefore(ch, size) + 1;
    ch.truncate(keep);
    ch.force(true);
    Result result = new Result(file, size - keep, keep);
    LOG.warn("audit log {} ended with a torn line (crash during a write): removed {} trailing bytes, "
        + "the chain continues from the last complete line", file, result.removedBytes());
    return result;
  }

  private static byte lastByte(FileChannel ch, long size) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    if (ch.read(one, size - 1) != 1) {
      throw new IOException("cannot read the last byte of the audit log");
    }
    return one.get(0);
  }
}
