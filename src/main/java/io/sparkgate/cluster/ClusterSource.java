package io.sparkgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sparkgate.images.ImageScan;
import io.sparkgate.images.ImageScanCheck;
import io.sparkgate.images.ImageScanStore;
import io.sparkgate.metrics.MetricNames;
import io.sparkgate.policy.ParamChecks;
import io.sparkgate.policy.ParamKind;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetHolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode: Fabric8 informers ({@link WatchedResource}, each found by {@link ResourceDiscovery})
 * keep an in-memory copy of the cluster's Namespaces and of the parameter objects the loaded
 * policies use, and the policy set in service looks them up there before the files beside the
 * policies ({@link PolicySet#withSourcesInFront}). No request calls the API server.
 *
 * <p>ImageScan records ({@code sparkgate.io/v1}, cluster-scoped) are watched while the policy set
 * in service trusts a scan key (without one no record can verify). Each record is verified once,
 * when it arrives, with the keys of the set in service (again when a reload changes them), and its
 * index is layered in front of the files' records; a record that does not verify is logged,
 * counted in the set's rejected records and never used.
 *
 * <p>Informers list, then watch; a lost watch is re-established by Fabric8 with exponential
 * back-off (from the client's {@code watchReconnectInterval}, retried without limit), and until
 * then requests are answered from the last state seen. A check every {@code checkPeriod} notices a
 * watch that is down: it counts the reconnects, publishes how stale the cache is and logs it.
 *
 * <p>{@link #synced()} turns true once every informer needed by the policies at start has listed
 * once; {@code /readyz} waits for it. Kinds added by a later policy reload are watched too, but do
 * not take a serving replica out of readiness.
 */
public final class ClusterSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSource.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NAMESPACES = "namespaces";
  static final String IMAGE_SCANS = "imagescans.sparkgate.io";

  /** How often staleness is checked, and how often a stale cache is logged again. */
  public record Timing(Duration checkPeriod, Duration logEvery) {
    public static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  private final KubernetesClient client;
  private final ResourceDiscovery discovery;
  private final ParamChecks paramChecks = ParamChecks.standard();
  private final ClusterParams params = new ClusterParams(paramChecks);
  private final ClusterNamespaces namespaces = new ClusterNamespaces();
  private final ImageScanStore imageScans = new ImageScanStore();
  private final Timing timing;
  private final LongSupplier clock;
  private final Map<String, WatchedResource> watched = new LinkedHashMap<>();
  private final Map<ParamKind, WatchedResource> byKind = new LinkedHashMap<>();
  private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "sparkgate-cluster-monitor");
    thread.setDaemon(true);
    return thread;
  });
  private MeterRegistry registry;
  private final Set<String> metered = new HashSet<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private volatile boolean synced;
  private volatile double staleSeconds;
  private volatile boolean closed;

  public ClusterSource(KubernetesClient client, Timing timing) {
    this(client, timing, System::nanoTime);
  }

  ClusterSource(KubernetesClient client, Timing timing, LongSupplier clock) {
    this.client = client;
    this.discovery = new ResourceDiscovery(client);
    this.timing = timing;
    this.clock = clock;
  }

  public ClusterParams params() {
    return params;
  }

  public ClusterNamespaces namespaces() {
    return namespaces;
  }

  /** The ImageScan records read from the cluster (empty while no scan key is trusted). */
  public ImageScanStore imageScans() {
    return imageScans;
  }

  /** Whether every informer needed at start has listed once. */
  public boolean synced() {
    return synced;
  }

  /** Seconds since the oldest lost (or not yet established) watch was last up; 0 when all are up. */
  public double staleSeconds() {
    return staleSeconds;
  }

  /** Called (on an informer thread) after a Namespace or a parameter object is added, changed or deleted. */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  private void changed() {
    for (Runnable listener : changeListeners) {
      listener.run();
    }
  }

  /** Publishes {@code sparkgate_cluster_*} metrics in {@code registry}; call before {@link #start}. */
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(MetricNames.CLUSTER_CACHE_STALE, this, ClusterSource::staleSeconds)
        .description("Seconds the cluster cache has gone without a working watch (0: every watch is up)")
        .baseUnit("seconds").register(registry);
    Gauge.builder(MetricNames.CLUSTER_SYNCED, this, s -> s.synced ? 1 : 0)
        .description("1 once every informer needed at start has listed the cluster once").register(registry);
  }

  /**
   * Puts the cluster in front of the files in {@code holder}'s set in service, starts the
   * informers the published set needs, follows later reloads, and starts the staleness check.
   */
  public synchronized void start(PolicySetHolder holder) {
    holder.overlay(this::inFront);
    startNamespaces();
    PolicySet published = holder.published();
    if (published != null) {
      reconcile(published, true);
    }
    holder.onPublish(set -> reconcile(set, false));
    long period = timing.checkPeriod().toMillis();
    monitor.scheduleWithFixedDelay(this::checkSafely, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * The set with the cluster's objects in front of its files': params, namespaces and ImageScan
   * records, the records verified with the set's trusted keys.
   */
  private PolicySet inFront(PolicySet set) {
    for (ImageScanStore.Rejected rejected : imageScans.trust(set.imageScans().keys())) {
      LOG.warn("ImageScan {} in the cluster: {}; the record is not used", rejected.name(), rejected.problem());
    }
    return set.withSourcesInFront(params, namespaces).withImageScans(imageScans.index().inFrontOf(set.imageScans()));
  }

  /** Watches what {@code set} needs: starts informers for new kinds, stops those no longer used. */
  synchronized void reconcile(PolicySet set, boolean neededForReadiness) {
    if (closed) {
      return;
    }
    WatchPlan plan = WatchPlan.of(set);
    watchImageScans(!set.imageScans().keys().isEmpty(), neededForReadiness);
    for (ParamKind kind : List.copyOf(byKind.keySet())) {
      WatchedResource current = byKind.get(kind);
      WatchPlan.Scope scope = plan.kinds().get(kind);
      if (scope == null || !scope.equals(current.scope)) {
        LOG.info("no longer watching {} ({})", current.name, current.scope);
        stop(current);
        byKind.remove(kind);
        params.forget(kind);
      }
    }
    plan.kinds().forEach((kind, scope) -> {
      if (!byKind.containsKey(kind)) {
        try {
          WatchedResource started = startParams(kind, scope, neededForReadiness);
          byKind.put(kind, started);
        } catch (RuntimeException e) {
          LOG.error("cannot watch {} in the cluster: {}; policies with paramKind {} see only the objects in files",
              kind, e.getMessage(), kind);
        }
      }
    });
  }

  private void startNamespaces() {
    SharedIndexInformer<Namespace> informer = client.namespaces().runnableInformer(0);
    WatchedResource namespaceWatch = new WatchedResource(NAMESPACES, null, null, informer, true);
    informer.addEventHandler(new ResourceEventHandler<Namespace>() {
      @Override
      public void onAdd(Namespace namespace) {
        namespaces.put(tree(namespace, "v1", "Namespace"));
        changed();
      }

      @Override
      public void onUpdate(Namespace before, Namespace after) {
        namespaces.put(tree(after, "v1", "Namespace"));
        changed();
      }

      @Override
      public void onDelete(Namespace namespace, boolean finalStateUnknown) {
        namespaces.remove(namespace.getMetadata().getName());
        changed();
      }
    });
    begin(namespaceWatch);
    watched.put(NAMESPACES, namespaceWatch);
  }

  /** Starts or stops the ImageScan watch: records are read only while some scan key is trusted. */
  private void watchImageScans(boolean wanted, boolean neededForReadiness) {
    WatchedResource current = watched.get(IMAGE_SCANS);
    if (wanted == (current != null)) {
      return;
    }
    if (!wanted) {
      LOG.info("no longer watching {}: no image scan key is trusted", IMAGE_SCANS);
      stop(current);
      imageScans.clear();
      return;
    }
    SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(
        ResourceDiscovery.context("sparkgate.io", "v1", ImageScan.KIND, "imagescans", false)).runnableInformer(0);
    WatchedResource watch = new WatchedResource(IMAGE_SCANS, null, null, informer, neededForReadiness);
    informer.addEventHandler(new ResourceEventHandler<GenericKubernetesResource>() {
      @Override
      public void onAdd(GenericKubernetesResource object) {
        arrived(object);
      }

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        arrived(after);
      }

      @Override
      public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
        imageScans.remove(object.getMetadata().getName());
      }
    });
    LOG.info("watching {} in the cluster", IMAGE_SCANS);
    begin(watch);
    watched.put(IMAGE_SCANS, watch);
  }

  private void arrived(GenericKubernetesResource object) {
    ImageScanCheck check = imageScans.put(tree(object, ImageScan.API_VERSION, ImageScan.KIND));
    if (!check.verified()) {
      LOG.warn("ImageScan {} in the cluster: {}; the record is not used", object.getMetadata().getName(),
          check.problem());
    }
  }

  private WatchedResource startParams(ParamKind kind, WatchPlan.Scope scope, boolean neededForReadiness) {
    ResourceDefinitionContext context = discovery.definition(kind);
    var resources = client.genericKubernetesResources(context);
    FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
        Resource<GenericKubernetesResource>> scoped = scope.namespace() != null && context.isNamespaceScoped()
            ? resources.inNamespace(scope.namespace()) : resources.inAnyNamespace();
    if (scope.labels() != null) {
      scoped = scoped.withLabelSelector(scope.labels());
    }
    if (scope.name() != null) {
      scoped = scoped.withField("metadata.name", scope.name());
    }
    SharedIndexInformer<GenericKubernetesResource> informer = scoped.runnableInformer(0);
    String name = context.getPlural() + (context.getGroup() == null || context.getGroup().isEmpty()
        ? "" : "." + context.getGroup());
    params.watch(kind, context.isNamespaceScoped());
    WatchedResource watch = new WatchedResource(name, kind, scope, informer, neededForReadiness);
    informer.addEventHandler(new ResourceEventHandler<GenericKubernetesResource>() {
      @Override
      public void onAdd(GenericKubernetesResource object) {
        arrived(kind, object);
      }

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        arrived(kind, after);
      }

      @Override
      public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
        params.remove(kind, object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace(),
            object.getMetadata().getName());
        changed();
      }
    });
    LOG.info("watching {} in the cluster ({})", name, scope);
    begin(watch);
    watched.put(name, watch);
    return watch;
  }

  private void arrived(ParamKind kind, GenericKubernetesResource object) {
    JsonNode tree = tree(object, kind.apiVersion(), kind.kind());
    params.put(kind, tree);
    String problem = paramChecks.denial(tree);
    if (problem != null) {
      LOG.warn("{} (Spark requests of its namespace are denied until it is fixed)", problem);
    }
    changed();
  }

  /** The object as a plain JSON tree, as files give it: apiVersion and kind set, managedFields dropped. */
  static JsonNode tree(HasMetadata object, String apiVersion, String kind) {
    ObjectNode tree = JSON.valueToTree(object);
    if (!tree.hasNonNull("apiVersion")) {
      tree.put("apiVersion", apiVersion);
    }
    if (!tree.hasNonNull("kind")) {
      tree.put("kind", kind);
    }
    if (tree.path("metadata").isObject()) {
      ((ObjectNode) tree.get("metadata")).remove("managedFields");
    }
    return tree;
  }

  private void begin(WatchedResource watch) {
    watch.informer.exceptionHandler((started, error) -> {
      if (closed || watch.stopped) {
        return false;
      }
      LOG.warn("cluster watch on {} failed{}: {}; retrying with back-off, answering from the last known state",
          watch.name, started ? "" : " before its first list", error.toString());
      return true;
    });
    watch.startedAt(clock.getAsLong());
    if (registry != null) {
      watch.reconnects = Counter.builder(MetricNames.CLUSTER_WATCH_RECONNECTS).tag("resource", watch.name)
          .description("Watches on the cluster re-established after being lost").register(registry);
      if (!metered.add(watch.name)) {
        // registered when the resource was first watched; the gauges read the same caches
      } else if (watch.name.equals(IMAGE_SCANS)) {
        Gauge.builder(MetricNames.CLUSTER_OBJECTS, imageScans, ImageScanStore::size).tag("resource", watch.name)
            .description("Objects held in the cluster cache").register(registry);
      } else if (watch.kind != null) {
        ParamKind kind = watch.kind;
        Gauge.builder(MetricNames.CLUSTER_OBJECTS, params, p -> p.size(kind)).tag("resource", watch.name)
            .description("Objects held in the cluster cache").register(registry);
      } else {
        Gauge.builder(MetricNames.CLUSTER_OBJECTS, namespaces, ClusterNamespaces::size).tag("resource", watch.name)
            .description("Objects held in the cluster cache").register(registry);
      }
    }
    watch.informer.start().whenComplete((ok, error) -> {
      if (error != null && (closed || watch.stopped)) {
        return;
      }
      if (error != null) {
        LOG.error("cluster informer for {} stopped: {}", watch.name, error.toString());
      } else {
        LOG.info("cluster cache of {} synced: {} objects", watch.name, watch.informer.getStore().list().size());
      }
    });
  }

  private void stop(WatchedResource watch) {
    watched.remove(watch.name);
    watch.stopped = true;
    watch.informer.stop();
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.error("cluster cache check failed", e);
    }
  }

  /** Updates synced, stale-ness, reconnect counts and the log from the informers' state. */
  synchronized void check() {
    long now = clock.getAsLong();
    boolean allSynced = true;
    long oldestStale = 0;
    for (WatchedResource watch : watched.values()) {
      if (watch.neededForReadiness && !watch.informer.hasSynced()) {
        allSynced = false;
      }
      oldestStale = Math.max(oldestStale, watch.observe(now, timing.logEvery()));
    }
    staleSeconds = oldestStale / 1e9;
    if (allSynced && !synced) {
      synced = true;
      LOG.info("cluster caches synced: {} namespaces; {}", namespaces.size(), describeKinds());
    }
  }

  private String describeKinds() {
    List<String> kinds = new ArrayList<>();
    byKind.forEach((kind, watch) -> kinds.add(params.size(kind) + " " + watch.name));
    if (watched.containsKey(IMAGE_SCANS)) {
      kinds.add(imageScans.size() + " " + IMAGE_SCANS);
    }
    return kinds.isEmpty() ? "no parameter kinds in use" : String.join(", ", kinds);
  }

  /** Reconnects seen on a watch, by resource name (namespaces, sparktenants.sparkgate.io, ...). */
  synchronized long reconnects(String resource) {
    WatchedResource watch = watched.get(resource);
    return watch == null ? 0 : watch.reconnectCount;
  }

  /** The resources watched, e.g. {@code namespaces}, {@code sparktenants.sparkgate.io}. */
  public synchronized List<String> resources() {
    return List.copyOf(watched.keySet());
  }

  @Override
  public synchronized void close() {
    closed = true;
    monitor.shutdownNow();
    for (WatchedResource watch : watched.values()) {
      watch.stopped = true;
      watch.informer.stop();
    }
    watched.clear();
    byKind.clear();
  }
}
