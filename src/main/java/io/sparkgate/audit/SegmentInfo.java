package io.sparkgate.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;

/**
 * What the archive needs to know about a sealed segment: the sequence numbers and times of its
 * first and last lines, and the SHA-256 of its bytes.
 */
public record SegmentInfo(Path file, long firstSeq, long lastSeq, Instant firstTime, Instant lastTime,
    long size, String sha256) {

  /** @throws IOException if the file cannot be read or does not begin and end with audit lines */
  public static SegmentInfo of(Path file) throws IOException {
    AuditLine.Parsed first;
    try (LogLines lines = new LogLines(List.of(file))) {
      RawLine raw = lines.next();
      if (raw == null) {
        throw new IOException(file + " is empty");
      }
      first = parse(raw.bytes(), file);
    }
    AuditLine.Parsed last;
    long size;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      size = ch.size();
      last = parse(LogTail.lastLine(ch, size), file);
    }
    return new SegmentInfo(file, first.seq(), last.seq(), time(first, file), time(last, file), size, sha256(file));
  }

  private static AuditLine.Parsed parse(byte[] line, Path file) throws IOException {
    try {
      return AuditLine.parse(line);
    } catch (AuditLine.MalformedLineException e) {
      throw new IOException(file + " is not an audit log segment: " + e.getMessage(), e);
    }
  }

  private static Instant time(AuditLine.Parsed line, Path file) throws IOException {
    try {
      return Instant.parse(line.text("time"));
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IOException(file + ": line " + line.seq() + " has no valid time", e);
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = HashChain.newDigest();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
