package io.sparkgate.audit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Streams the raw lines of several files in the given order, with one line of lookahead. */
final class LogLines implements Closeable {
  private final List<Path> files;
  private int fileIndex = -1;
  private InputStream in;
  private long lineNo;
  private RawLine peeked;
  private final ByteArrayOutputStream current = new ByteArrayOutputStream(1024);
  private final byte[] buf = new byte[64 * 1024];
  private int bufPos;
  private int bufLen;

  LogLines(List<Path> files) {
    this.files = List.copyOf(files);
  }

  RawLine peek() throws IOException {
    if (peeked == null) {
      peeked = read();
    }
    return peeked;
  }

  /** The next line, or null after the last line of the last file. */
  RawLine next() throws IOException {
    RawLine r = peek();
    peeked = null;
    return r;
  }

  private RawLine read() throws IOException {
    while (true) {
      if (in == null) {
        if (fileIndex + 1 >= files.size()) {
          return null;
        }
        fileIndex++;
        in = Files.newInputStream(files.get(fileIndex));
        lineNo = 0;
        bufPos = 0;
        bufLen = 0;
      }
      current.reset();
      boolean terminated = false;
      while (!terminated) {
        if (bufPos == bufLen) {
          bufLen = in.read(buf);
          bufPos = 0;
          if (bufLen <= 0) {
            bufLen = 0;
            break;
          }
        }
        int start = bufPos;
        while (bufPos < bufLen && buf[bufPos] != '\n') {
          bufPos++;
        }
        current.write(buf, start, bufPos - start);
        if (bufPos < bufLen) {
          bufPos++;
          terminated = true;
        }
      }
      if (!terminated && current.size() == 0) {
        in.close();
        in = null;
        continue;
      }
      lineNo++;
      return new RawLine(files.get(fileIndex), lineNo, current.toByteArray(), terminated, lineNo == 1);
    }
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
      in = null;
    }
  }
}
