package io.sparkgate.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.audit.AuditLog;
import io.sparkgate.audit.archive.ArchiveSettings;
import io.sparkgate.audit.archive.ArchiveStore;
import io.sparkgate.audit.archive.AuditArchiver;
import io.sparkgate.audit.AuditLogException;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.backgroundscan.BackgroundScan;
import io.sparkgate.backgroundscan.BackgroundScanSettings;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.certs.Certificates;
import io.sparkgate.certs.DevCertificates;
import io.sparkgate.enforce.ActiveExceptions;
import io.sparkgate.enforce.PlatformApprovers;
import io.sparkgate.enforce.SparkEnforcement;
import io.sparkgate.certs.TlsMaterial;
import io.sparkgate.cluster.ClusterSource;
import io.sparkgate.engine.AdmissionEngine;
import io.sparkgate.evaluate.SafetyNet;
import io.sparkgate.engine.Phase;
import io.sparkgate.metrics.AdmissionMetrics;
import io.sparkgate.metrics.LabelCaps;
import io.sparkgate.metrics.CostMetrics;
import io.sparkgate.metrics.MetricNames;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicyDirectoryWatcher;
import io.sparkgate.policy.PolicySetHolder;
import io.sparkgate.policy.CompileCache;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.warmup.WarmupBudget;
import io.sparkgate.warmup.WarmupReport;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.time.Instant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the engine, the policy watcher, TLS and the two HTTP ports together. */
public final class SparkgateServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SparkgateServer.class);
  private static final int VERTX_BLOCKING_THREADS = 4;

  /** The server cannot start; the message says why. */
  public static final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Duration ARCHIVE_CALL_TIMEOUT = Duration.ofSeconds(10);
  /** How often the monthly budgets of the tenants (files and cluster) are exported again. */
  private static final long BUDGET_REFRESH_MILLIS = 15_000;

  private final ServerConfig config;
  private final PolicySetHolder policies = new PolicySetHolder();
  private final PrometheusMeterRegistry registry = LabelCaps.install(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final AtomicReference<TlsMaterial> tls = new AtomicReference<>();
  private Vertx vertx;
  private CostMetrics costMetrics;
  private PolicyDirectoryWatcher watcher;
  private HttpServer admin;
  private AuditLog audit;
  private ArchiveSettings archiveSettings;
  private AuditArchiver archiver;
  private String clientCaPem;
  private CertificateReloader certificates;
  private Supplier<AdmissionVerticle> verticles;
  private Supplier<KubernetesClient> clusterClient;
  private KubernetesClient client;
  private ClusterSource cluster;
  private BackgroundScanSettings backgroundScanSettings;
  private BackgroundScan backgroundScan;
  private PlatformApprovers exceptionApprovers = PlatformApprovers.NONE;
  private RequestTrace trace = RequestTrace.NONE;
  private List<Path> imageScanKeys = List.of();
  private WarmupBudget warmup = WarmupBudget.OFF;
  private CompileCache compileCache = CompileCache.NONE;
  private WarmupReport warmupReport;

  public SparkgateServer(ServerConfig config) {
    this.config = config;
  }

  /** Archives sealed audit segments to object storage (see {@link AuditArchiver}). */
  public SparkgateServer withAuditArchive(ArchiveSettings settings) {
    this.archiveSettings = settings;
    return this;
  }

  /**
   * Cluster mode: namespaces and parameter objects are also read from the cluster through a client
   * from {@code clientFactory}; call before {@link #start}.
   */
  public SparkgateServer withCluster(Supplier<KubernetesClient> clientFactory) {
    this.clusterClient = clientFactory;
    return this;
  }

  /**
   * In cluster mode, the background scan: one replica at a time (a Lease in the settings'
   * namespace, else the client's) writes PolicyReports for the Spark objects that run; call before
   * {@link #start}.
   */
  public SparkgateServer withBackgroundScan(BackgroundScanSettings settings) {
    this.backgroundScanSettings = settings;
    return this;
  }

  /** The platform's approvers of SparkPolicyExceptions in every namespace; call before {@link #start}. */
  public SparkgateServer withExceptionApprovers(PlatformApprovers approvers) {
    this.exceptionApprovers = approvers;
    return this;
  }

  /** Reports the steps of every admission request to {@code trace} (diagnosis); call before {@link #start}. */
  public SparkgateServer withRequestTrace(RequestTrace trace) {
    this.trace = trace;
    return this;
  }

  /**
   * Trusts the image scan keys in these PEM files or directories ({@code --image-scan-keys}), read
   * with every load of the policies; call before {@link #start}.
   */
  public SparkgateServer withImageScanKeys(List<Path> paths) {
    this.imageScanKeys = List.copyOf(paths);
    return this;
  }

  /**
   * Before reporting ready, replays representative requests through the admission path within this
   * budget ({@link LoopbackWarmup}); {@link WarmupBudget#OFF} (the default) starts cold. Call before
   * {@link #start}.
   */
  public SparkgateServer withWarmup(WarmupBudget budget) {
    this.warmup = budget;
    return this;
  }

  /**
   * Reads and keeps the checked form of compiled expressions in {@code cache}, at start and on every
   * reload: a start with an unchanged pack type-checks nothing. Call before {@link #start}.
   */
  public SparkgateServer withCompileCache(CompileCache cache) {
    this.compileCache = cache;
    return this;
  }

  /** What the warm-up at start did; null when it was off or has not run. */
  public WarmupReport warmupReport() {
    return warmupReport;
  }

  /** The cluster cache; null unless cluster mode is on and the server has started. */
  public ClusterSource cluster() {
    return cluster;
  }

  public PolicySetHolder policies() {
    return policies;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public int port() {
    return servers.isEmpty() ? config.port() : servers.get(0).actualPort();
  }

  public int adminPort() {
    return admin == null ? config.adminPort() : admin.actualPort();
  }

  public void start() throws StartupException {
    PolicySetLoader loader = new PolicySetLoader(CelEnvironment.standard()).withImageScanKeys(imageScanKeys)
        .withCompileCache(compileCache);
    watcher = new PolicyDirectoryWatcher(config.policies(), loader, policies, this::countReload);
    // Compiling the policies is most of the start-up; certificates, the audit log and the HTTP
    // side are prepared meanwhile, and nothing listens before the set is in service.
    CompletableFuture<PolicySetLoader.Result> loading =
        CompletableFuture.supplyAsync(watcher::loadInitial);
    try {
      prepareCertificates();
      prepareHttp();
    } catch (StartupException | RuntimeException e) {
      loading.join();
      close();
      throw e;
    }
    PolicySetLoader.Result initial = loading.join();
    initial.issues().forEach(issue -> LOG.warn("{}", issue));
    if (initial.hasErrors()) {
      close();
      throw new StartupException("policies in " + config.policies() + " do not compile:\n"
          + initial.errors().stream().map(LoadIssue::toString).collect(Collectors.joining("\n")), null);
    }
    LOG.info("policy set {} in service: {} policies, {} bindings{}", initial.policySet().hash(),
        initial.policySet().policyCount(), initial.policySet().bindingCount(),
        compileCache == CompileCache.NONE ? "" : ", " + compileCache.hits() + " entries from the compile cache");
    registerGauges();
    startCluster();
    warmUp();
    listen();
  }

  /** Runs while the cluster caches sync; nothing listens yet, so /readyz waits for it. */
  private void warmUp() {
    if (warmup.off()) {
      return;
    }
    SafetyNet uncounted = new SafetyNet(config.evaluationBudgetNanos(), System::nanoTime, () -> { });
    try {
      WarmupReport report = new LoopbackWarmup(config, tls.get(), engine(uncounted)).run(policies.published(), warmup);
      warmupReport = report;
      if (report.problem() == null) {
        LOG.info("{}", report.summary());
      } else {
        LOG.warn("{}", report.summary());
      }
    } catch (RuntimeException e) {
      LOG.warn("warm-up skipped: {}", e.toString());
    }
  }

  private AdmissionEngine engine(SafetyNet safetyNet) {
    return new AdmissionEngine(safetyNet, CelEnvironment.unsupportedAuthorizer(),
        new SparkEnforcement(exceptionApprovers), Clock.systemUTC());
  }

  /** Everything the listeners need that does not depend on the policy set. */
  private void prepareHttp() throws StartupException {
    clientCaPem = readClientCa();
    openAudit();
    // Evaluation has its own worker executor; Vert.x's pools serve only certificate loads and its own
    // blocking work (TLS context builds). They start a thread per task until full, so at their
    // default 20 threads each a soak saw the thread count creep up with every rotation.
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true))
            .setWorkerPoolSize(VERTX_BLOCKING_THREADS).setInternalBlockingPoolSize(VERTX_BLOCKING_THREADS))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    certificates = new CertificateReloader(vertx, config.certs(), clientCaPem, servers, tls::set);
    try {
      certificates.loadInitial();
    } catch (IOException | IllegalArgumentException e) {
      throw new StartupException("cannot load the serving certificate from " + config.certs() + ": " + e.getMessage(), e);
    }
    AdmissionMetrics metrics = new AdmissionMetrics(registry);
    costMetrics = metrics.cost();
    SafetyNet safetyNet = new SafetyNet(config.evaluationBudgetNanos(), System::nanoTime,
        metrics::evaluationDeadlineExceeded);
    AdmissionEngine engine = engine(safetyNet);
    AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(config.maxNesting());
    String instanceId = config.audit() == null ? "" : config.audit().instanceId();
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("sparkgate-evaluation", evaluationThreads(),
        config.evaluationBudgetNanos() * 4 + 2_000_000_000L, TimeUnit.NANOSECONDS);
    AdmissionHandler validate = new AdmissionHandler(Endpoint.VALIDATE, Phase.VALIDATE, engine, policies, decoder,
        metrics, audit, instanceId, workers).tracedBy(trace);
    AdmissionHandler mutate = new AdmissionHandler(Endpoint.MUTATE, Phase.MUTATE, engine, policies, decoder,
        metrics, audit, instanceId, workers).tracedBy(trace);
    InFlightLimit limit = new InFlightLimit(config.maxInFlight(), metrics, trace);
    String caPem = clientCaPem;
    verticles = () -> new AdmissionVerticle(config, tls::get, caPem,
        v -> AdmissionRoutes.create(v, config.maxBodyBytes(), limit, validate, mutate), servers);
  }

  /** Opens both ports; called once the policy set is in service. */
  private void listen() throws StartupException {
    try {
      await(vertx.deployVerticle(verticles, new DeploymentOptions().setInstances(config.instances())));
      // HTTP/1.1 only, as Prometheus and the kubelet speak it: no cleartext HTTP/2 upgrade (h2c),
      // whose upgraded streams a client could leave stalled
      admin = await(vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
          .requestHandler(AdminRoutes.create(vertx, policies, registry, this::notReady))
          .listen(config.adminPort(), config.adminHost()));
    } catch (Exception e) {
      close();
      throw new StartupException("cannot listen: " + e.getMessage(), e);
    }
    certificates.start(2_000);
    watcher.start(config.reloadPeriodMillis());
    CostBudgets.export(policies.current().params(), costMetrics);
    vertx.setPeriodic(BUDGET_REFRESH_MILLIS, id -> CostBudgets.export(policies.current().params(), costMetrics));
    LOG.info("serving POST /validate and /mutate on https://{}:{}, admin on http://{}:{}",
        config.host(), port(), config.adminHost(), adminPort());
  }

  private void startCluster() throws StartupException {
    if (clusterClient == null) {
      return;
    }
    try {
      client = clusterClient.get();
      LOG.info("cluster mode: reading namespaces and parameter objects from {}; /readyz waits for the first sync",
          client.getMasterUrl());
      cluster = new ClusterSource(client, ClusterSource.Timing.DEFAULT);
      cluster.bindTo(registry);
      cluster.start(policies);
      startBackgroundScan();
    } catch (RuntimeException e) {
      close();
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new StartupException("cannot start cluster mode: " + e.getMessage()
          + (root == e ? "" : " (" + root + ")"), e);
    }
  }

  private void startBackgroundScan() {
    if (backgroundScanSettings == null) {
      return;
    }
    BackgroundScanSettings settings = backgroundScanSettings;
    if (settings.lease().namespace() == null) {
      String namespace = client.getNamespace() != null ? client.getNamespace() : config.namespace();
      settings = settings.withLease(new BackgroundScanSettings.LeaseSettings(settings.lease().name(), namespace,
          settings.lease().identity(), settings.lease().timing()));
    }
    backgroundScan = new BackgroundScan(client, policies, cluster, settings, registry);
    backgroundScan.start();
  }

  /** Why /readyz must wait beyond the policy set, or null. */
  private String notReady() {
    if (cluster != null && !cluster.synced()) {
      return "waiting for the first sync of the cluster caches (" + String.join(", ", cluster.resources()) + ")";
    }
    return null;
  }

  /**
   * Evaluation threads: a few per core, so that requests held by a policy running to its deadline
   * do not hold back the rest, while CPU-bound work does not drown in context switches.
   */
  private static int evaluationThreads() {
    return Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
  }

  private String readClientCa() throws StartupException {
    if (config.clientCa() == null) {
      return null;
    }
    try {
      String pem = Files.readString(config.clientCa());
      Certificates.parseChain(pem);
      return pem;
    } catch (IOException | RuntimeException e) {
      throw new StartupException("cannot read the client CA " + config.clientCa() + ": " + e.getMessage(), e);
    }
  }

  private void openAudit() throws StartupException {
    if (config.audit() == null) {
      LOG.warn("auditing is off: decisions are not recorded");
      return;
    }
    try {
      audit = AuditLog.open(config.audit(), registry);
      LOG.info("audit log: {}", config.audit().logFile().toAbsolutePath());
    } catch (AuditLogException e) {
      throw new StartupException("cannot open the audit log: " + e.getMessage(), e);
    }
    if (archiveSettings != null) {
      ArchiveStore store = ArchiveStore.open(archiveSettings.location(), archiveSettings.endpoint(), ARCHIVE_CALL_TIMEOUT);
      archiver = new AuditArchiver(audit, store, archiveSettings, registry);
      archiver.start();
    }
  }

  private void prepareCertificates() throws StartupException {
    try {
      Optional<Path> ca = DevCertificates.ensureServingCertificate(config.certs(), config.serviceName(), config.namespace());
      ca.ifPresent(path -> LOG.info("generated a development CA and serving certificate; CA certificate: {}",
          path.toAbsolutePath()));
    } catch (IOException | RuntimeException e) {
      throw new StartupException("cannot prepare certificates in " + config.certs() + ": " + e.getMessage(), e);
    }
  }

  private void registerGauges() {
    Gauge.builder(MetricNames.POLICIES_LOADED, policies, p -> p.current().policyCount())
        .description("Policies in the set in service").register(registry);
    Gauge.builder(MetricNames.POLICY_EXCEPTIONS_ACTIVE, policies,
            p -> ActiveExceptions.count(p.current().params(), Instant.now()))
        .description("SparkPolicyExceptions in force: well-formed and not expired, from files and the cluster")
        .register(registry);
    Gauge.builder(MetricNames.IMAGE_SCAN_RECORDS, policies, p -> p.current().imageScans().verifiedCount())
        .tag("state", "verified").description("Image scan records in service, by state").register(registry);
    Gauge.builder(MetricNames.IMAGE_SCAN_RECORDS, policies, p -> p.current().imageScans().rejectedCount())
        .tag("state", "rejected").description("Image scan records in service, by state").register(registry);
    Gauge.builder(MetricNames.CERTIFICATE_EXPIRY, tls,
            t -> t.get() == null ? 0 : t.get().leafInfo().notAfterEpochSeconds())
        .description("Expiry of the serving certificate, seconds since the epoch")
        .baseUnit("seconds").register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    for (String result : new String[] {"success", "failure"}) {
      registry.counter(MetricNames.POLICY_RELOADS, "result", result);
    }
  }

  private void countReload(PolicyDirectoryWatcher.Outcome outcome) {
    if (outcome != PolicyDirectoryWatcher.Outcome.UNCHANGED) {
      registry.counter(MetricNames.POLICY_RELOADS, "result",
          outcome == PolicyDirectoryWatcher.Outcome.RELOADED ? "success" : "failure").increment();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * Graceful stop: stop accepting, let in-flight requests finish (bounded by the shutdown
   * deadline), then write the audit log's closing checkpoint.
   */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    if (backgroundScan != null) {
      backgroundScan.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (client != null) {
      client.close();
    }
    long deadline = System.nanoTime() + config.shutdownMillis() * 1_000_000L;
    if (vertx != null) {
      List<Future<Void>> stops = new ArrayList<>();
      for (HttpServer server : servers) {
        stops.add(server.shutdown(config.shutdownMillis(), TimeUnit.MILLISECONDS));
      }
      try {
        Future.all(stops).toCompletionStage().toCompletableFuture()
            .get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("in-flight requests did not all finish before the shutdown deadline: {}", e.toString());
      }
    }
    if (archiver != null) {
      audit.closeAndSeal();
      archiver.finish(Duration.ofMillis(Math.max(1, remainingMillis(deadline))));
      archiver.close();
    } else if (audit != null) {
      audit.close();
    }
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture()
            .get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("Vert.x did not close cleanly: {}", e.toString());
      }
    }
  }

  private static long remainingMillis(long deadlineNanos) {
    return (deadlineNanos - System.nanoTime()) / 1_000_000L;
  }
}
