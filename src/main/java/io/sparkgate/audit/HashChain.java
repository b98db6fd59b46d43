package io.sparkgate.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The head of the hash chain: the sequence number of the last line written and the SHA-256 of its
 * exact bytes (without the newline). Not thread-safe; owned by the writer thread.
 */
final class HashChain {
  /** The {@code prev} of the very first line of a log. */
  static final String GENESIS = "0".repeat(64);

  private final MessageDigest digest = newDigest();
  private long lastSeq;
  private String lastHash;

  HashChain(long lastSeq, String lastHash) {
    this.lastSeq = lastSeq;
    this.lastHash = lastHash;
  }

  static HashChain genesis() {
    return new HashChain(0, GENESIS);
  }

  long nextSeq() {
    return lastSeq + 1;
  }

  long lastSeq() {
    return lastSeq;
  }

  String head() {
    return lastHash;
  }

  /** Records that {@code line} (which must carry {@link #nextSeq()} and {@link #head()}) was appended. */
  void advance(byte[] line) {
    lastSeq++;
    lastHash = HexFormat.of().formatHex(digest.digest(line));
  }

  Mark mark() {
    return new Mark(lastSeq, lastHash);
  }

  void reset(Mark mark) {
    lastSeq = mark.seq();
    lastHash = mark.hash();
  }

  record Mark(long seq, String hash) {}

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
