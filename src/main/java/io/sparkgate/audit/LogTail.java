package io.sparkgate.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads the end of a log file backwards without loading the whole file. */
final class LogTail {
  private static final int CHUNK = 8192;

  private LogTail() {}

  /** Position of the last {@code '\n'} strictly before {@code end}, or -1. */
  static long lastNewlineBefore(FileChannel ch, long end) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    long pos = end;
    while (pos > 0) {
      int len = (int) Math.min(CHUNK, pos);
      pos -= len;
      buf.clear().limit(len);
      readFully(ch, buf, pos);
      for (int i = len - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return pos + i;
        }
      }
    }
    return -1;
  }

  /** The last line of a file that ends with {@code '\n'}, without the newline; null if empty. */
  static byte[] lastLine(FileChannel ch, long size) throws IOException {
    if (size == 0) {
      return null;
    }
    long start = lastNewlineBefore(ch, size - 1) + 1;
    int len = Math.toIntExact(size - 1 - start);
    ByteBuffer buf = ByteBuffer.allocate(len);
    readFully(ch, buf, start);
    return buf.array();
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + pos);
      }
      pos += n;
    }
  }
}
