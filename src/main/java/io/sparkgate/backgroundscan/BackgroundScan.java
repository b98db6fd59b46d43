package io.sparkgate.backgroundscan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.sparkgate.cluster.ClusterSource;
import io.sparkgate.cluster.ClusterSparkObjects;
import io.sparkgate.policy.PolicySetHolder;
import io.sparkgate.report.PolicyReports;
import io.sparkgate.report.ScanResult;
import io.sparkgate.report.ScanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --background-scan}: while this replica holds the Lease, the Spark objects the
 * informers hold are evaluated as the offline {@code scan} evaluates them, with the policy set in
 * service (the cluster's tenants, exceptions and namespaces in front of the files), every period
 * and shortly after the policy set, a tenant, an exception or a namespace changes; the results are
 * written as one PolicyReport per namespace and exported as metrics.
 *
 * <p>Everything runs on one low-priority thread, never on an event loop or an evaluation worker,
 * paced so that it takes at most part of one core ({@link BackgroundScanSettings.Pacing}).
 */
public final class BackgroundScan implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundScan.class);
  private static final Comparator<JsonNode> OBJECT_ORDER = Comparator
      .comparing((JsonNode o) -> o.path("metadata").path("namespace").asText(""))
      .thenComparing(o -> o.path("apiVersion").asText())
      .thenComparing(o -> o.path("kind").asText())
      .thenComparing(o -> o.path("metadata").path("name").asText());

  /** How a scan ended. */
  public enum Outcome {
    /** Evaluated and the reports made current. */
    DONE,
    /** Evaluated; the PolicyReport CRD is not installed, so only the metrics were updated. */
    NO_REPORT_CRD,
    /** Not run: another replica holds the lease. */
    NOT_HOLDER,
    /** Not run yet: the informers have not listed once; retried shortly. */
    NOT_SYNCED,
    /** Stopped part-way: the lease was lost. */
    LEASE_LOST,
    /** The API server refused a read or a write; retried at the next period or change. */
    FAILED
  }

  /** One scan: how it ended, the objects evaluated and the report writes. */
  public record Run(Outcome outcome, int objects, int written) {}

  private final BackgroundScanSettings settings;
  private final KubernetesClient client;
  private final PolicySetHolder policies;
  private final ClusterSource cluster;
  private final ClusterSparkObjects objects;
  private final PolicyReportWriter writer;
  private final ScanMetrics metrics;
  private final PacedScan scan;
  private final ScanLease lease;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread scanThread = new Thread(runnable, "sparkgate-background-scan");
    scanThread.setDaemon(true);
    scanThread.setPriority(Thread.MIN_PRIORITY);
    return scanThread;
  });
  private volatile boolean closed;

  public BackgroundScan(KubernetesClient client, PolicySetHolder policies, ClusterSource cluster,
      BackgroundScanSettings settings, MeterRegistry registry) {
    this.settings = settings;
    this.client = withoutRetries(client);
    this.policies = policies;
    this.cluster = cluster;
    this.objects = new ClusterSparkObjects(this.client);
    this.writer = new PolicyReportWriter(this.client);
    this.metrics = new ScanMetrics(registry);
    this.scan = new PacedScan(settings.pacing());
    this.lease = new ScanLease(this.client, settings.lease(), this::soon, metrics::clear);
  }

  /**
   * A client of its own that does not retry a failed call: a call to an unreachable API server
   * fails at once instead of holding the scan thread through the client's back-off, and the next
   * period or change tries again.
   */
  private static KubernetesClient withoutRetries(KubernetesClient client) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build();
  }

  /** Starts the informers and the campaign for the lease; scans follow once it is held. */
  public void start() {
    objects.refresh();
    policies.onPublish(set -> soon());
    cluster.onChange(this::soon);
    long period = settings.period().toMillis();
    thread.scheduleWithFixedDelay(this::scanQuietly, period, period, TimeUnit.MILLISECONDS);
    lease.start();
    LOG.info("background scan every {}; campaigning for {} as {}", settings.period(), lease.describe(),
        settings.lease().identity());
  }

  /** Whether this replica holds the lease now (and so may write reports). */
  public boolean holdsLease() {
    return lease.holds();
  }

  /** A scan now, on the scan thread. */
  public CompletableFuture<Run> scanNow() {
    CompletableFuture<Run> result = new CompletableFuture<>();
    try {
      thread.execute(() -> result.complete(scanQuietly()));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** A scan after the debounce; changes until it starts share it. */
  void soon() {
    if (closed || !lease.holds() || !pending.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.schedule(() -> {
        pending.set(false);
        scanQuietly();
      }, settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      pending.set(false);
    }
  }

  private Run scanQuietly() {
    try {
      return scanOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(Outcome.FAILED, 0, 0);
    } catch (KubernetesClientException e) {
      LOG.warn("background scan: the API server refused a call ({}); trying again at the next period or change",
          e.getMessage());
      return new Run(Outcome.FAILED, 0, 0);
    } catch (RuntimeException e) {
      LOG.error("background scan failed", e);
      return new Run(Outcome.FAILED, 0, 0);
    }
  }

  private Run scanOnce() throws InterruptedException {
    if (closed || !lease.holds()) {
      return new Run(Outcome.NOT_HOLDER, 0, 0);
    }
    objects.refresh();
    if (!objects.synced() || !cluster.synced()) {
      soon();
      return new Run(Outcome.NOT_SYNCED, 0, 0);
    }
    long start = System.nanoTime();
    List<JsonNode> live = objects.objects();
    live.sort(OBJECT_ORDER);
    ScanResult result = scan.run(policies.current(), live, lease::holds);
    if (result == null) {
      return new Run(Outcome.LEASE_LOST, 0, 0);
    }
    List<ObjectNode> reports = PolicyReports.of(result, Instant.now());
    PolicyReportWriter.Writes writes = writer.write(reports, lease::holds);
    if (writes.stop() == PolicyReportWriter.Stop.LEASE_LOST) {
      return new Run(Outcome.LEASE_LOST, result.objects().size(), writes.written());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (lease.holds()) {
      metrics.completed(result, took);
    }
    LOG.info("background scan of {} objects in {} ms ({} objects/s): {} fail, {} warn; PolicyReports: {} created, "
        + "{} replaced, {} deleted, {} unchanged, {} refused", result.objectsRead(), took.toMillis(),
        Math.round(result.objectsPerSecond()), result.totals().get(ScanStatus.FAIL),
        result.totals().get(ScanStatus.WARN), writes.created(), writes.replaced(), writes.deleted(), writes.unchanged(),
        writes.failed());
    Outcome outcome = writes.stop() == PolicyReportWriter.Stop.NO_CRD ? Outcome.NO_REPORT_CRD : Outcome.DONE;
    return new Run(outcome, result.objects().size(), writes.written());
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    lease.close();
    objects.close();
    metrics.clear();
    client.close();
  }
}
