package io.sparkgate.audit;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Audit log settings. Build with {@link #builder()}; every setting has a default.
 *
 * @param logFile the active log file; rotated files sit next to it as {@code <name>.<seq>}
 * @param keyDirectory where {@code audit-signing.key}/{@code .pub} are loaded from or generated
 * @param signingKeyFile an explicit PKCS#8 PEM Ed25519 private key; overrides {@code keyDirectory}
 * @param maxFileBytes the active file is rotated once it reaches this size
 * @param retainedFiles how many rotated files are kept; older ones are deleted
 * @param fsync force every batch to the storage device before completing its futures
 * @param checkpointEveryRecords write a signed checkpoint after this many records
 * @param checkpointInterval or after this much time, if any record was written since the last one
 * @param copyTo also copy every line here (e.g. {@code System.out} for log shippers); null = off
 * @param failureMode what {@link AuditLog#appendForResponse} tells the server to do on failure
 * @param instanceId written into checkpoints to identify the server instance
 * @param queueCapacity appends beyond this many queued records fail at once instead of blocking
 * @param maxBatchRecords upper bound of records per group commit
 */
public record AuditConfig(
    Path logFile,
    Path keyDirectory,
    Path signingKeyFile,
    long maxFileBytes,
    int retainedFiles,
    boolean fsync,
    int checkpointEveryRecords,
    Duration checkpointInterval,
    OutputStream copyTo,
    FailureMode failureMode,
    String instanceId,
    int queueCapacity,
    int maxBatchRecords,
    Clock clock) {

  public static final Path DEFAULT_LOG_FILE = Path.of("audit", "audit.log");
  public static final Path DEFAULT_KEY_DIRECTORY = Path.of("certs");

  public AuditConfig {
    Objects.requireNonNull(logFile, "logFile");
    Objects.requireNonNull(keyDirectory, "keyDirectory");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(failureMode, "failureMode");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(clock, "clock");
    require(maxFileBytes > 0, "maxFileBytes must be positive");
    require(retainedFiles >= 0, "retainedFiles must not be negative");
    require(checkpointEveryRecords > 0, "checkpointEveryRecords must be positive");
    require(!checkpointInterval.isNegative() && !checkpointInterval.isZero(), "checkpointInterval must be positive");
    require(queueCapacity > 0, "queueCapacity must be positive");
    require(maxBatchRecords > 0, "maxBatchRecords must be positive");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private Path logFile = DEFAULT_LOG_FILE;
    private Path keyDirectory = DEFAULT_KEY_DIRECTORY;
    private Path signingKeyFile;
    private long maxFileBytes = 100L * 1024 * 1024;
    private int retainedFiles = 10;
    private boolean fsync;
    private int checkpointEveryRecords = 1000;
    private Duration checkpointInterval = Duration.ofSeconds(60);
    private OutputStream copyTo;
    private FailureMode failureMode = FailureMode.FAIL_CLOSED;
    private String instanceId = defaultInstanceId();
    private int queueCapacity = 65_536;
    private int maxBatchRecords = 4_096;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder logFile(Path v) { logFile = v; return this; }
    public Builder keyDirectory(Path v) { keyDirectory = v; return this; }
    public Builder signingKeyFile(Path v) { signingKeyFile = v; return this; }
    public Builder maxFileBytes(long v) { maxFileBytes = v; return this; }
    public Builder retainedFiles(int v) { retainedFiles = v; return this; }
    public Builder fsync(boolean v) { fsync = v; return this; }
    public Builder checkpointEveryRecords(int v) { checkpointEveryRecords = v; return this; }
    public Builder checkpointInterval(Duration v) { checkpointInterval = v; return this; }
    public Builder copyTo(OutputStream v) { copyTo = v; return this; }
    public Builder copyToStdout(boolean on) { copyTo = on ? System.out : null; return this; }
    public Builder failureMode(FailureMode v) { failureMode = v; return this; }
    public Builder instanceId(String v) { instanceId = v; return this; }
    public Builder queueCapacity(int v) { queueCapacity = v; return this; }
    public Builder maxBatchRecords(int v) { maxBatchRecords = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }

    public AuditConfig build() {
      return new AuditConfig(logFile, keyDirectory, signingKeyFile, maxFileBytes, retainedFiles, fsync,
          checkpointEveryRecords, checkpointInterval, copyTo, failureMode, instanceId, queueCapacity,
          maxBatchRecords, clock);
    }

    private static String defaultInstanceId() {
      String host = System.getenv("HOSTNAME");
      return host != null && !host.isBlank() ? host : "sparkgate-" + UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
