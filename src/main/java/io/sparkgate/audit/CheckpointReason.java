package io.sparkgate.audit;

/** Why a signed checkpoint line was written. */
public enum CheckpointReason {
  /** First line of every log file; its prev links to the last line of the previous file (or genesis). */
  FILE_START("file-start"),
  /** The writer reopened an existing file (server restart, possibly after torn-tail repair). */
  STARTUP("startup"),
  /** The configured number of records was written since the previous checkpoint. */
  COUNT("count"),
  /** The configured interval elapsed with records written since the previous checkpoint. */
  INTERVAL("interval"),
  /** Last line of a file before it is renamed away. */
  ROTATION("rotation"),
  /** Written by {@code close()}. */
  SHUTDOWN("shutdown");

  private final String wireName;

  CheckpointReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static CheckpointReason fromWireName(String name) {
    for (CheckpointReason r : values()) {
      if (r.wireName.equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown checkpoint reason: " + name);
  }
}
