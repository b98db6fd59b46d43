package io.sparkgate.audit;

import io.sparkgate.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one JSON line per admission decision, hash-chained, with signed checkpoints,
 * group-committed by a single writer thread.
 *
 * <pre>{@code
 * AuditLog audit = AuditLog.open(AuditConfig.builder().logFile(path).build(), registry); // throws if unusable
 * audit.appendForResponse(record).thenAccept(receipt -> ...send the response...);
 * audit.close(); // at shutdown: writes what is queued and a signed shutdown checkpoint
 * }</pre>
 *
 * <p>{@link #append} never blocks: it encodes the record and enqueues it. Its future completes on
 * the writer thread, so callers on an event loop should hop back to their own context before
 * touching it (e.g. Vert.x {@code Future.fromCompletionStage(future, context)}).
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final AuditConfig config;
  private final AuditMetrics metrics;
  private final AuditWriter writer;
  private final Thread thread;
  private final TornTailRepair.Result startupRepair;
  private final String signingKeyId;
  private final ThrottledLog failOpenLog = new ThrottledLog(LOG);

  private AuditLog(AuditConfig config, AuditMetrics metrics, AuditWriter writer, TornTailRepair.Result repair,
      String keyId) {
    this.config = config;
    this.metrics = metrics;
    this.writer = writer;
    this.startupRepair = repair;
    this.signingKeyId = keyId;
    this.thread = new Thread(writer, "sparkgate-audit-writer");
    thread.setDaemon(true);
  }

  /**
   * Opens (creating if needed) the log, loads or generates the signing key, repairs a torn last
   * line and writes a signed start-up checkpoint.
   *
   * @throws AuditLogException at once, with a message naming the path, if the log cannot be written
   */
  public static AuditLog open(AuditConfig config, MeterRegistry registry) {
    return open(config, registry, AuditWriter.ChannelOpener.DEFAULT);
  }

  static AuditLog open(AuditConfig config, MeterRegistry registry, AuditWriter.ChannelOpener opener) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(registry, "registry");
    Path dir = config.logFile().toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new AuditLogException("cannot create audit log directory " + dir + ": " + e, e);
    }
    if (Files.isDirectory(config.logFile())) {
      throw new AuditLogException("audit log path " + config.logFile().toAbsolutePath() + " is a directory");
    }
    CheckpointSigner signer = SigningKeys.loadOrCreate(config.keyDirectory(), config.signingKeyFile());
    AuditMetrics metrics = new AuditMetrics(registry);
    AuditWriter writer = new AuditWriter(config, signer, metrics, opener);
    TornTailRepair.Result repair = writer.openAtStartup();
    Gauge.builder(MetricNames.AUDIT_QUEUE_SIZE, writer, AuditWriter::queued)
        .description("Records waiting for the audit writer")
        .register(registry);
    AuditLog log = new AuditLog(config, metrics, writer, repair, signer.keyId());
    log.thread.start();
    LOG.info("audit log {} open (signing key {}, fsync {}, failure mode {})", config.logFile().toAbsolutePath(),
        signer.keyId(), config.fsync(), config.failureMode());
    return log;
  }

  /**
   * Queues one record. The future completes once the line has been written to the file with
   * {@code FileChannel.write} (and forced, in fsync mode), or exceptionally with an
   * {@link AuditLogException} naming the cause. Never blocks.
   */
  public CompletableFuture<Void> append(AuditRecord record) {
    byte[] body;
    try {
      body = AuditLine.encodeDecisionBody(record);
    } catch (RuntimeException e) {
      metrics.failed.increment();
      return CompletableFuture.failedFuture(
          new AuditLogException("cannot encode audit record " + record.uid() + ": " + e.getMessage(), e));
    }
    return writer.submit(record.uid(), body);
  }

  /**
   * {@link #append} with the configured {@link FailureMode} applied: the returned future always
   * completes normally; when the write failed it says whether to deny the request (FAIL_CLOSED) or
   * send the decision anyway (FAIL_OPEN, counted as {@code sparkgate.audit.fail.open}).
   */
  public CompletableFuture<AuditReceipt> appendForResponse(AuditRecord record) {
    return append(record).handle((ok, error) -> {
      if (error == null) {
        return AuditReceipt.WRITTEN;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      return receiptForFailure(cause);
    });
  }

  AuditReceipt receiptForFailure(Throwable cause) {
    if (config.failureMode() == FailureMode.FAIL_OPEN) {
      metrics.failOpenAllowed.increment();
      failOpenLog.warn("audit record not written, responding anyway (FAIL_OPEN): {}", cause.getMessage());
      return new AuditReceipt(false, false, cause.getMessage());
    }
    return new AuditReceipt(false, true,
        "request denied because its audit record could not be written: " + cause.getMessage());
  }

  public FailureMode failureMode() {
    return config.failureMode();
  }

  /** Bytes removed from a torn last line at start-up (0 if the file was intact). */
  public TornTailRepair.Result startupRepair() {
    return startupRepair;
  }

  /** Id of the signing key, as written in checkpoint lines. */
  public String signingKeyId() {
    return signingKeyId;
  }

  public Path logFile() {
    return config.logFile();
  }

  public String instanceId() {
    return config.instanceId();
  }

  /** Sealed (rotated) segments beside the active file, oldest first; the newest anchors the chain. */
  public List<Path> sealedSegments() throws IOException {
    return new AuditRotation(config.logFile(), config.retainedFiles()).rotatedFiles();
  }

  /** Asks the writer to rotate the active file if it holds records (a quiet log still gets archived). */
  public void requestSeal() {
    writer.requestSeal();
  }

  /** {@link #close()}, then renames the closed active file into a sealed segment, ready for the archive. */
  public void closeAndSeal() {
    writer.requestCloseAndSeal();
    awaitWriter();
  }

  /**
   * Writes every queued record, then a signed shutdown checkpoint, and closes the file. Blocks
   * until done (at most 30 s); later appends fail. Idempotent.
   */
  @Override
  public void close() {
    writer.requestClose();
    awaitWriter();
  }

  private void awaitWriter() {
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("audit writer did not finish within 30 s");
    }
  }
}
