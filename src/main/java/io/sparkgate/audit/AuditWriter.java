package io.sparkgate.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer thread. Callers enqueue pre-encoded records; the thread takes whatever is
 * queued, chains and concatenates the lines, writes them with one {@link FileChannel#write} (and
 * one {@link FileChannel#force} in fsync mode) and only then completes their futures. Everything
 * except the queue is confined to this thread.
 */
final class AuditWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
  private static final long IDLE_WAIT_NANOS = TimeUnit.HOURS.toNanos(1);
  private static final Pending WAKE_UP = new Pending(null, null, null);

  record Pending(String uid, byte[] body, CompletableFuture<Void> future) {}

  /** Opens the active file; replaceable so tests can inject write failures. */
  @FunctionalInterface
  interface ChannelOpener {
    ChannelOpener DEFAULT = file ->
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

    FileChannel open(Path file) throws IOException;
  }

  private final AuditConfig config;
  private final Path file;
  private final AuditRotation rotation;
  private final CheckpointSigner signer;
  private final AuditMetrics metrics;
  private final ChannelOpener opener;
  private final BlockingQueue<Pending> queue;
  private final long checkpointIntervalNanos;
  private volatile boolean closing;
  private volatile boolean finished;
  private volatile boolean sealRequested;
  private volatile boolean sealOnClose;

  // Writer-thread state.
  private HashChain chain;
  private FileChannel channel;
  private FileLock lock;
  private long size;
  private boolean mayHavePartialWrite;
  private long recordsSinceCheckpoint;
  private long lastCheckpointNanos;
  private long rotationBlockedUntilNanos;
  private final ByteArrayOutputStream batchBytes = new ByteArrayOutputStream(64 * 1024);
  private final List<CheckpointReason> batchCheckpoints = new ArrayList<>();
  private final List<Pending> batch = new ArrayList<>();
  private boolean copyFailed;
  /** The active file holds lines of an earlier run or records: sealing it would archive something. */
  private boolean activeHasRecords;

  AuditWriter(AuditConfig config, CheckpointSigner signer, AuditMetrics metrics, ChannelOpener opener) {
    this.config = config;
    this.opener = opener;
    this.file = config.logFile();
    this.rotation = new AuditRotation(file, config.retainedFiles());
    this.signer = signer;
    this.metrics = metrics;
    this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
    this.checkpointIntervalNanos = config.checkpointInterval().toNanos();
  }

  int queued() {
    return queue.size();
  }

  /**
   * Opens the active file on the caller's thread so that an unusable path fails at once: locks it,
   * repairs a torn tail, restores the chain head and writes a signed startup or file-start checkpoint.
   */
  TornTailRepair.Result openAtStartup() {
    try {
      return openWithCheckpoint();
    } catch (IOException e) {
      closeChannelQuietly();
      throw new AuditLogException("cannot write audit log " + file.toAbsolutePath() + ": " + e, e);
    } catch (RuntimeException e) {
      closeChannelQuietly();
      throw e;
    }
  }

  /**
   * Opens the active file and continues the chain from its last complete line, or, for a new
   * file, from the in-memory head, the newest rotated file or genesis, in that order.
   */
  private TornTailRepair.Result openWithCheckpoint() throws IOException {
    openChannel();
    TornTailRepair.Result repair = TornTailRepair.repair(channel, file);
    size = channel.size();
    CheckpointReason reason;
    if (size > 0) {
      chain = chainHeadFrom(LogTail.lastLine(channel, size), file);
      reason = CheckpointReason.STARTUP;
    } else {
      if (chain == null) {
        Path previous = rotation.newestRotated();
        chain = previous == null ? HashChain.genesis() : chainHeadOf(previous);
      }
      reason = CheckpointReason.FILE_START;
    }
    beginBatch();
    addCheckpoint(reason, repair.removedBytes());
    commitBatch();
    copyBatch();
    activeHasRecords = reason == CheckpointReason.STARTUP;
    return repair;
  }

  /** After a failed rotation or reopen the writer has no file; try again before each batch. */
  private void ensureOpen() {
    if (channel != null) {
      return;
    }
    try {
      openWithCheckpoint();
    } catch (IOException | AuditLogException e) {
      LOG.error("cannot open audit log {}: {}", file, e.toString());
      closeChannelQuietly();
    }
  }

  private void openChannel() throws IOException {
    channel = opener.open(file);
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      closeChannelQuietly();
      throw new AuditLogException("audit log " + file.toAbsolutePath() + " is in use by another writer");
    }
  }

  private static HashChain chainHeadOf(Path rotated) throws IOException {
    try (FileChannel ch = FileChannel.open(rotated, StandardOpenOption.READ)) {
      long len = ch.size();
      if (len == 0) {
        throw new AuditLogException("rotated audit log " + rotated + " is empty; cannot continue its chain");
      }
      return chainHeadFrom(LogTail.lastLine(ch, len), rotated);
    }
  }

  private static HashChain chainHeadFrom(byte[] lastLine, Path source) {
    try {
      AuditLine.Parsed parsed = AuditLine.parse(lastLine);
      return new HashChain(parsed.seq(), HashChain.sha256Hex(lastLine));
    } catch (AuditLine.MalformedLineException e) {
      throw new AuditLogException("the last line of " + source.toAbsolutePath() + " is not an audit line ("
          + e.getMessage() + "); run 'audit verify' on it and move it aside");
    }
  }

  /** Enqueues without blocking; the future completes once the line is written (and forced). */
  CompletableFuture<Void> submit(String uid, byte[] body) {
    if (closing) {
      return failed(uid, new AuditLogException("audit log is closed; record " + uid + " was not written"));
    }
    Pending p = new Pending(uid, body, new CompletableFuture<>());
    if (!queue.offer(p)) {
      return failed(uid, new AuditLogException("audit queue is full (" + config.queueCapacity()
          + " records waiting): the audit log cannot keep up; record " + uid + " was not written"));
    }
    // close() may have drained the queue between the check above and the offer.
    if (finished && queue.remove(p)) {
      return failed(uid, new AuditLogException("audit log is closed; record " + uid + " was not written"));
    }
    return p.future();
  }

  private CompletableFuture<Void> failed(String uid, AuditLogException e) {
    metrics.failed.increment();
    return CompletableFuture.failedFuture(e);
  }

  @Override
  public void run() {
    lastCheckpointNanos = System.nanoTime();
    while (true) {
      try {
        Pending first = queue.poll(waitNanos(), TimeUnit.NANOSECONDS);
        batch.clear();
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, config.maxBatchRecords() - 1);
        }
        writeRecords(batch);
        if (sealRequested) {
          sealRequested = false;
          if (activeHasRecords && channel != null) {
            rotate();
          }
        }
        if (closing && queue.isEmpty()) {
          break;
        }
      } catch (InterruptedException e) {
        // Not used for shutdown; keep draining so no future is left hanging.
        Thread.interrupted();
      } catch (RuntimeException | Error e) {
        LOG.error("audit writer failed unexpectedly", e);
        rollbackBatch();
        failAll(batch, new AuditLogException("audit writer failed: " + e, e));
      }
    }
    shutdown();
  }

  private long waitNanos() {
    if (closing) {
      return 0;
    }
    if (recordsSinceCheckpoint == 0) {
      return IDLE_WAIT_NANOS;
    }
    long now = System.nanoTime();
    return Math.max(0, Math.max(lastCheckpointNanos + checkpointIntervalNanos, retryNotBeforeNanos) - now);
  }

  private void writeRecords(List<Pending> pending) {
    ensureOpen();
    List<Pending> records = new ArrayList<>(pending.size());
    beginBatch();
    for (Pending p : pending) {
      if (p == WAKE_UP) {
        continue;
      }
      records.add(p);
      addLine(AuditLine.concat(AuditLine.chainPrefix(chain.nextSeq(), chain.head()), p.body()));
      recordsSinceCheckpoint++;
      if (recordsSinceCheckpoint >= config.checkpointEveryRecords()) {
        addCheckpoint(CheckpointReason.COUNT, 0);
      }
    }
    if (recordsSinceCheckpoint > 0 && System.nanoTime() - lastCheckpointNanos >= checkpointIntervalNanos
        && System.nanoTime() - retryNotBeforeNanos >= 0) {
      addCheckpoint(CheckpointReason.INTERVAL, 0);
    }
    if (batchBytes.size() == 0) {
      return;
    }
    try {
      commitBatch();
      retryBackoffNanos = 0;
    } catch (IOException e) {
      AuditLogException failure = new AuditLogException(
          "audit log " + file.toAbsolutePath() + " could not be written: " + e.getMessage(), e);
      backOffAfterFailure();
      failureLog.error("{} ({} records not written)", failure.getMessage(), records.size());
      failAll(records, failure);
      return;
    }
    for (Pending p : records) {
      p.future().complete(null);
    }
    metrics.written.increment(records.size());
    activeHasRecords |= !records.isEmpty();
    copyBatch();
    if (size >= config.maxFileBytes() && System.nanoTime() - rotationBlockedUntilNanos >= 0) {
      rotate();
    }
  }

  private void failAll(List<Pending> pending, AuditLogException failure) {
    for (Pending p : pending) {
      if (p != WAKE_UP && p.future().completeExceptionally(failure)) {
        metrics.failed.increment();
      }
    }
  }

  // --- after a failed write: records still get an attempt each (and a fast answer), but the
  // writer does not spin re-signing an interval checkpoint against a full disk ---

  private static final long MIN_RETRY_NANOS = 500_000_000L;
  private static final long MAX_RETRY_NANOS = 10_000_000_000L;
  private long retryBackoffNanos;
  private long retryNotBeforeNanos = System.nanoTime();
  private final ThrottledLog failureLog = new ThrottledLog(LOG);

  private void backOffAfterFailure() {
    retryBackoffNanos = retryBackoffNanos == 0 ? MIN_RETRY_NANOS : Math.min(MAX_RETRY_NANOS, retryBackoffNanos * 2);
    retryNotBeforeNanos = System.nanoTime() + retryBackoffNanos;
  }

  // --- batch assembly: lines are chained as they are added and rolled back if the write fails ---

  private HashChain.Mark batchMark;
  private long batchRecordsSinceCheckpoint;
  private long batchLastCheckpointNanos;

  private void beginBatch() {
    batchBytes.reset();
    batchCheckpoints.clear();
    batchMark = chain == null ? null : chain.mark();
    batchRecordsSinceCheckpoint = recordsSinceCheckpoint;
    batchLastCheckpointNanos = lastCheckpointNanos;
  }

  private void addLine(byte[] line) {
    batchBytes.writeBytes(line);
    batchBytes.write('\n');
    chain.advance(line);
  }

  private void addCheckpoint(CheckpointReason reason, long repairedBytes) {
    byte[] signed = AuditLine.checkpointSignedPart(chain.nextSeq(), chain.head(), config.clock().instant(),
        config.instanceId(), reason, repairedBytes, signer.keyId());
    addLine(AuditLine.checkpointLine(signed, signer.signBase64(signed)));
    batchCheckpoints.add(reason);
    recordsSinceCheckpoint = 0;
    lastCheckpointNanos = System.nanoTime();
  }

  private void commitBatch() throws IOException {
    try {
      if (channel == null) {
        throw new IOException("the audit log file could not be opened");
      }
      if (mayHavePartialWrite) {
        channel.truncate(size);
        mayHavePartialWrite = false;
      }
      ByteBuffer buf = ByteBuffer.wrap(batchBytes.toByteArray());
      long position = size;
      mayHavePartialWrite = true;
      while (buf.hasRemaining()) {
        position += channel.write(buf, position);
      }
      mayHavePartialWrite = false;
      metrics.batches.increment();
      if (config.fsync()) {
        channel.force(false);
        metrics.fsyncs.increment();
      }
      size = position;
    } catch (IOException e) {
      rollbackBatch();
      truncatePartialWrite();
      throw e;
    }
    batchMark = null;
    batchCheckpoints.forEach(metrics::checkpointWritten);
  }

  /** Undoes the chain state of a batch that was not written; a no-op once it was committed. */
  private void rollbackBatch() {
    if (batchMark == null) {
      return;
    }
    chain.reset(batchMark);
    batchMark = null;
    recordsSinceCheckpoint = batchRecordsSinceCheckpoint;
    lastCheckpointNanos = batchLastCheckpointNanos;
  }

  /** Cuts off a partial batch so that a later batch never follows a torn line. */
  private void truncatePartialWrite() {
    if (!mayHavePartialWrite || channel == null) {
      return;
    }
    try {
      channel.truncate(size);
      mayHavePartialWrite = false;
    } catch (IOException e) {
      LOG.warn("cannot truncate audit log {} back to {} bytes after a failed write: {}; will retry", file, size,
          e.toString());
    }
  }

  private void copyBatch() {
    OutputStream copy = config.copyTo();
    if (copy == null) {
      return;
    }
    try {
      batchBytes.writeTo(copy);
      copy.flush();
      copyFailed = false;
    } catch (IOException e) {
      if (!copyFailed) {
        LOG.warn("cannot copy audit lines to the configured stream: {}", e.toString());
      }
      copyFailed = true;
    }
  }

  // --- rotation ---

  private void rotate() {
    beginBatch();
    addCheckpoint(CheckpointReason.ROTATION, 0);
    try {
      commitBatch();
    } catch (IOException e) {
      LOG.error("cannot write the rotation checkpoint to {}: {}", file, e.toString());
      blockRotation();
      return;
    }
    copyBatch();
    Path rotated;
    try {
      channel.force(true);
      closeChannel();
      rotated = rotation.moveActiveAway(chain.lastSeq());
    } catch (IOException e) {
      LOG.error("cannot rotate audit log {}: {}; continuing in the same file", file, e.toString());
      blockRotation();
      ensureOpen();
      return;
    }
    ensureOpen();
    if (config.fsync()) {
      forceDirectory();
    }
    LOG.info("rotated audit log to {}", rotated);
    rotation.applyRetention();
  }

  private void blockRotation() {
    rotationBlockedUntilNanos = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
  }

  /** Makes the rename and the new file's directory entry durable too. */
  private void forceDirectory() {
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
    }
  }

  // --- shutdown ---

  /** Called by {@link AuditLog#close()}; the thread writes what is queued, then a shutdown checkpoint. */
  void requestClose() {
    closing = true;
    queue.offer(WAKE_UP);
  }

  /** As {@link #requestClose()}, and the closed active file is then renamed like a rotated one. */
  void requestCloseAndSeal() {
    sealOnClose = true;
    requestClose();
  }

  /** Rotates the active file soon if it holds records, so that a quiet log can be archived. */
  void requestSeal() {
    sealRequested = true;
    queue.offer(WAKE_UP);
  }

  boolean isClosing() {
    return closing;
  }

  private void shutdown() {
    if (channel != null) {
      beginBatch();
      addCheckpoint(CheckpointReason.SHUTDOWN, 0);
      try {
        commitBatch();
        copyBatch();
        channel.force(true);
      } catch (IOException e) {
        LOG.error("cannot write the shutdown checkpoint to {}: {}", file, e.toString());
      }
    }
    boolean seal = sealOnClose && channel != null && chain != null;
    closeChannelQuietly();
    if (seal) {
      try {
        Path sealed = rotation.moveActiveAway(chain.lastSeq());
        LOG.info("sealed audit log segment {}", sealed);
      } catch (IOException e) {
        LOG.error("cannot seal audit log {} at shutdown: {}", file, e.toString());
      }
    }
    finished = true;
    List<Pending> late = new ArrayList<>();
    queue.drainTo(late);
    failAll(late, new AuditLogException("audit log is closed; record was not written"));
  }

  private void closeChannel() throws IOException {
    FileChannel ch = channel;
    channel = null;
    if (ch != null) {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
      lock = null;
      ch.close();
    }
  }

  private void closeChannelQuietly() {
    try {
      closeChannel();
    } catch (IOException e) {
      LOG.debug("closing audit log channel: {}", e.toString());
    }
  }

  Path file() {
    return file;
  }
}
