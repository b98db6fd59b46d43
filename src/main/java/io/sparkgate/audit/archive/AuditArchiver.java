package io.sparkgate.audit.archive;

import io.sparkgate.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sparkgate.audit.AuditLog;
import io.sparkgate.audit.SegmentInfo;
import io.sparkgate.audit.ThrottledLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads sealed audit segments to the archive on its own thread (never on an event loop). A local
 * segment is deleted only after the store confirmed it; the newest sealed segment stays on disk as
 * the anchor the next file's chain continues from. A log with records that saw no upload for
 * the quiet interval is sealed, so nothing waits longer than that. Until the store is back,
 * segments wait on the local disk; when that fills, the audit log's failure mode applies.
 */
public final class AuditArchiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditArchiver.class);

  private final AuditLog audit;
  private final ArchiveStore store;
  private final ArchiveSettings settings;
  private final ScheduledExecutorService thread;
  private final Set<String> confirmed = new HashSet<>();
  private final ThrottledLog failureLog = new ThrottledLog(LOG);
  private final Counter uploaded;
  private final Counter failures;
  private final AtomicInteger waiting = new AtomicInteger();
  private long lastUploadNanos = System.nanoTime();

  public AuditArchiver(AuditLog audit, ArchiveStore store, ArchiveSettings settings, MeterRegistry registry) {
    this.audit = audit;
    this.store = store;
    this.settings = settings;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sparkgate-audit-archiver");
      t.setDaemon(true);
      return t;
    });
    this.uploaded = Counter.builder(MetricNames.AUDIT_ARCHIVE_UPLOADS).tag("result", "uploaded")
        .description("Audit segment uploads to the archive by result").register(registry);
    this.failures = Counter.builder(MetricNames.AUDIT_ARCHIVE_UPLOADS).tag("result", "failed")
        .description("Audit segment uploads to the archive by result").register(registry);
    Gauge.builder(MetricNames.AUDIT_ARCHIVE_WAITING_SEGMENTS, waiting, AtomicInteger::get)
        .description("Sealed audit segments on local disk not yet confirmed in the archive").register(registry);
  }

  public void start() {
    long period = settings.scanInterval().toMillis();
    thread.scheduleWithFixedDelay(this::scanQuietly, 0, period, TimeUnit.MILLISECONDS);
    LOG.info("archiving audit segments of instance {} to {}", audit.instanceId(), store.location());
  }

  private void scanQuietly() {
    try {
      uploadSealed();
      sealIfQuiet();
    } catch (RuntimeException e) {
      LOG.error("audit archive scan failed", e);
    }
  }

  /**
   * Uploads every sealed segment not yet confirmed, oldest first, and stops at the first failure
   * (the rest waits for the next scan). Returns whether all were confirmed. Runs on the archiver's
   * thread; call it directly only on an archiver that was not started.
   */
  public boolean uploadSealed() {
    List<Path> segments;
    try {
      segments = audit.sealedSegments();
    } catch (IOException e) {
      failureLog.error("cannot list sealed audit segments of {}: {}", audit.logFile(), e.toString());
      return false;
    }
    int left = segments.size();
    for (int i = 0; i < segments.size(); i++) {
      Path segment = segments.get(i);
      boolean anchor = i == segments.size() - 1;
      String name = segment.getFileName().toString();
      try {
        if (!confirmed.contains(name)) {
          archive(segment);
          confirmed.add(name);
        }
        left--;
        if (!anchor) {
          Files.deleteIfExists(segment);
          confirmed.remove(name);
        }
      } catch (IOException e) {
        failures.increment();
        waiting.set(left);
        failureLog.error("audit segment not archived yet ({} waiting on local disk): {}", left, e.getMessage());
        return false;
      }
    }
    waiting.set(0);
    return true;
  }

  private void archive(Path segment) throws IOException {
    SegmentInfo info = SegmentInfo.of(segment);
    SegmentKey key = SegmentKey.of(audit.instanceId(), info);
    ArchiveStore.UploadResult result = store.ensureArchived(key, info, settings.retention());
    lastUploadNanos = System.nanoTime();
    if (result == ArchiveStore.UploadResult.UPLOADED) {
      uploaded.increment();
      LOG.info("archived audit segment {} as {}", segment, key.objectKey(store.location()));
    }
  }

  private void sealIfQuiet() {
    long now = System.nanoTime();
    if (now - lastUploadNanos >= settings.quietInterval().toNanos()) {
      audit.requestSeal();
      lastUploadNanos = now;
    }
  }

  /**
   * At shutdown, after {@link AuditLog#closeAndSeal()}: one last upload of everything sealed, bounded
   * by {@code budget}; what does not make it stays on disk for the next start.
   */
  public void finish(Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    thread.shutdown();
    ExecutorService last = Executors.newSingleThreadExecutor();
    try {
      if (!thread.awaitTermination(budget.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("audit archive scan still running at the shutdown deadline; sealed segments wait on disk");
        return;
      }
      // On another thread, so that the deadline holds even if the store does not answer.
      Future<Boolean> pass = last.submit(this::uploadSealed);
      if (pass.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        LOG.info("audit segments archived at shutdown");
      }
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("audit segments not all archived before the shutdown deadline; they wait on disk: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      last.shutdownNow();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    store.close();
  }
}
