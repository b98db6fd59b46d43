package io.sparkgate.cluster;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Counter;
import io.sparkgate.policy.ParamKind;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One informer of cluster mode and what the staleness check knows of it: since when its watch has
 * been down, when that was last logged, and how often it came back.
 */
final class WatchedResource {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSource.class);

  final String name;
  final ParamKind kind;
  final WatchPlan.Scope scope;
  final SharedIndexInformer<?> informer;
  final boolean neededForReadiness;
  Counter reconnects;
  long reconnectCount;
  long staleSince;
  long loggedAt;
  boolean everUp;
  volatile boolean stopped;

  WatchedResource(String name, ParamKind kind, WatchPlan.Scope scope, SharedIndexInformer<?> informer,
      boolean neededForReadiness) {
    this.name = name;
    this.kind = kind;
    this.scope = scope;
    this.informer = informer;
    this.neededForReadiness = neededForReadiness;
  }

  /** Marks the watch down from {@code now} until it is seen up (its first list is not a reconnect). */
  void startedAt(long now) {
    staleSince = now;
    loggedAt = now;
  }

  /**
   * Looks at the informer at {@code now}: counts and logs a watch that came back, logs one that is
   * lost (again every {@code logEvery}), and returns how long it has been down (0 when up).
   */
  long observe(long now, Duration logEvery) {
    boolean up = informer.hasSynced() && informer.isWatching();
    if (up) {
      if (staleSince != 0) {
        if (everUp) {
          if (reconnects != null) {
            reconnects.increment();
          }
          reconnectCount++;
          LOG.info("cluster watch on {} re-established after {} s; the cache is current again", name,
              seconds(now - staleSince));
        }
        staleSince = 0;
        loggedAt = 0;
      }
      everUp = true;
      return 0;
    }
    if (staleSince == 0) {
      staleSince = now;
      if (everUp) {
        LOG.warn("cluster watch on {} lost; reconnecting with back-off, answering from the cache as of now", name);
      }
      loggedAt = now;
    } else if (now - loggedAt >= logEvery.toNanos()) {
      loggedAt = now;
      LOG.warn("cluster cache of {} is {} s stale: {}; answering from the last known state (resourceVersion {})",
          name, seconds(now - staleSince),
          everUp ? "its watch is lost and reconnecting with back-off" : "it has not listed yet",
          informer.lastSyncResourceVersion());
    }
    return now - staleSince;
  }

  private static long seconds(long nanos) {
    return Math.round(nanos / 1e9);
  }
}
