package io.sparkgate.backgroundscan;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lease that lets one replica at a time write reports, through Fabric8's leader election.
 *
 * <p>{@link #holds()} is what every write asks first. It turns false at once when Fabric8 sees
 * another holder or gives up renewing, and, independently of Fabric8's loop, when the last
 * successful renewal is older than the renew deadline: a replica cut off from the API server stops
 * writing before another may take the lease (the lease duration is longer than the deadline).
 * Fabric8's elector ends when leadership is lost; a new one is started to campaign again.
 */
final class ScanLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScanLease.class);

  private final KubernetesClient client;
  private final BackgroundScanSettings.LeaseSettings settings;
  private final Runnable onStart;
  private final Runnable onStop;
  private final LongSupplier clock;
  private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "sparkgate-scan-lease");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean leading;
  private volatile long renewedAt;
  private CompletableFuture<?> election;
  private boolean closed;

  ScanLease(KubernetesClient client, BackgroundScanSettings.LeaseSettings settings, Runnable onStart, Runnable onStop) {
    this(client, settings, onStart, onStop, System::nanoTime);
  }

  ScanLease(KubernetesClient client, BackgroundScanSettings.LeaseSettings settings, Runnable onStart, Runnable onStop,
      LongSupplier clock) {
    this.client = client;
    this.settings = settings;
    this.onStart = onStart;
    this.onStop = onStop;
    this.clock = clock;
  }

  /** Whether this replica holds the lease and renewed it within the renew deadline. */
  boolean holds() {
    return leading && clock.getAsLong() - renewedAt < settings.timing().renewDeadline().toNanos();
  }

  String describe() {
    return "Lease " + settings.namespace() + "/" + settings.name();
  }

  synchronized void start() {
    if (closed) {
      return;
    }
    BackgroundScanSettings.LeaseTiming timing = settings.timing();
    var config = new LeaderElectionConfigBuilder()
        .withName(settings.name())
        .withLock(new RenewalRecordingLock(new LeaseLock(settings.namespace(), settings.name(), settings.identity())))
        .withLeaseDuration(timing.duration())
        .withRenewDeadline(timing.renewDeadline())
        .withRetryPeriod(timing.retryPeriod())
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, leader -> {}))
        .build();
    election = client.leaderElector().withConfig(config).build().start();
    election.whenComplete((ok, error) -> {
      stopped();
      restartLater();
    });
  }

  private synchronized void restartLater() {
    if (!closed) {
      restarts.schedule(this::start, settings.timing().retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void started() {
    renewedAt = clock.getAsLong();
    if (!leading) {
      leading = true;
      LOG.info("{}: {} holds it and writes the PolicyReports", describe(), settings.identity());
      onStart.run();
    }
  }

  private void stopped() {
    if (leading) {
      leading = false;
      LOG.info("{}: {} no longer holds it and stops writing", describe(), settings.identity());
      onStop.run();
    }
  }

  @Override
  public void close() {
    CompletableFuture<?> running;
    synchronized (this) {
      closed = true;
      running = election;
    }
    restarts.shutdownNow();
    leading = false;
    if (running != null) {
      // cancelling releases the lease (releaseOnCancel), so another replica takes over at once
      running.cancel(true);
    }
  }

  /** The Lease lock, noting the time of every create or update that keeps this replica the holder. */
  private final class RenewalRecordingLock implements Lock {
    private final Lock lock;

    RenewalRecordingLock(Lock lock) {
      this.lock = lock;
    }

    @Override
    public LeaderElectionRecord get(KubernetesClient kubernetesClient) {
      return lock.get(kubernetesClient);
    }

    @Override
    public void create(KubernetesClient kubernetesClient, LeaderElectionRecord record) {
      lock.create(kubernetesClient, record);
      noteRenewal(record);
    }

    @Override
    public void update(KubernetesClient kubernetesClient, LeaderElectionRecord record) {
      lock.update(kubernetesClient, record);
      noteRenewal(record);
    }

    private void noteRenewal(LeaderElectionRecord record) {
      if (identity().equals(record.getHolderIdentity())) {
        renewedAt = clock.getAsLong();
      }
    }

    @Override
    public String identity() {
      return lock.identity();
    }

    @Override
    public String describe() {
      return lock.describe();
    }
  }
}
