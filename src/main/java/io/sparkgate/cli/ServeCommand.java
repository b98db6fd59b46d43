package io.sparkgate.cli;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sparkgate.audit.AuditConfig;
import io.sparkgate.audit.FailureMode;
import io.sparkgate.audit.archive.ArchiveLocation;
import io.sparkgate.audit.archive.ArchiveSettings;
import io.sparkgate.audit.archive.SegmentKey;
import io.sparkgate.backgroundscan.BackgroundScanSettings;
import io.sparkgate.cluster.ClusterMode;
import io.sparkgate.server.ServerConfig;
import io.sparkgate.enforce.PlatformApprovers;
import io.sparkgate.server.SparkgateServer;
import io.sparkgate.warmup.WarmupBudget;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code serve}: the HTTPS admission server. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the HTTPS admission webhook server.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin PolicyDirectoryOption policies;

  @Option(names = "--certs", defaultValue = "certs",
      description = "Directory of tls.crt and tls.key; generated with a CA when absent (default: ${DEFAULT-VALUE}).")
  Path certs;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Webhook address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8443", description = "Webhook HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--admin-host", defaultValue = "0.0.0.0",
      description = "Admin address; 127.0.0.1 keeps it local (default: ${DEFAULT-VALUE}).")
  String adminHost;

  @Option(names = "--admin-port", defaultValue = "9090", description = "Admin HTTP port (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(names = "--max-body-bytes", defaultValue = "7340032", description = "Largest request body (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(names = "--max-nesting", defaultValue = "100", description = "Deepest JSON nesting accepted (default: ${DEFAULT-VALUE}).")
  int maxNesting;

  /** An hour: far beyond any webhook timeout (30 s at most). */
  private static final long MAX_EVALUATION_BUDGET_MILLIS = 3_600_000;

  @Option(names = "--evaluation-budget-ms", defaultValue = "5000",
      description = "Wall-clock safety net of one request's evaluation, far above what the CEL cost limits allow "
          + "(default: ${DEFAULT-VALUE}).")
  long budgetMillis;

  @Option(names = "--reload-period-ms", defaultValue = "1000", description = "How often policies are checked for changes.")
  long reloadPeriodMillis;

  @Option(names = "--service", defaultValue = "sparkgate", description = "Service name in generated certificates.")
  String service;

  @Option(names = "--namespace", defaultValue = "sparkgate", description = "Namespace in generated certificates.")
  String namespace;

  @Option(names = "--event-loops", description = "Event loops serving the webhook port (default: the number of cores).")
  Integer eventLoops;

  @Option(names = "--audit-log", defaultValue = "audit/audit.log",
      description = "Audit log file; rotated beside itself (default: ${DEFAULT-VALUE}).")
  Path auditLog;

  @Option(names = "--no-audit", description = "Do not record decisions (benchmarks only).")
  boolean noAudit;

  @Option(names = "--audit-key", description = "Ed25519 signing key (PKCS#8 PEM) for audit checkpoints "
      + "(default: audit-signing.key in --certs, generated on first start).")
  Path auditKey;

  @Option(names = "--audit-fsync", description = "fsync every group commit: durable across machine crashes.")
  boolean auditFsync;

  @Option(names = "--audit-stdout", description = "Also copy every audit record to stdout, for log shippers.")
  boolean auditStdout;

  @Option(names = "--audit-failure", defaultValue = "fail-closed",
      description = "When a record cannot be written: fail-closed (deny, naming the audit failure) or fail-open "
          + "(allow and count it) (default: ${DEFAULT-VALUE}).")
  String auditFailure;

  @Option(names = "--audit-max-file-mb", defaultValue = "100", description = "Rotate past this size (default: ${DEFAULT-VALUE}).")
  long auditMaxFileMb;

  @Option(names = "--audit-retained-files", defaultValue = "10", description = "Rotated files kept (default: ${DEFAULT-VALUE}).")
  int auditRetainedFiles;

  @Option(names = "--audit-instance",
      description = "Instance id in checkpoints and the archive folder name (default: POD_NAME, HOSTNAME, else the host name).")
  String auditInstance;

  @Option(names = "--audit-archive", paramLabel = "s3://BUCKET/PREFIX",
      description = "Upload sealed audit segments to PREFIX/<instance>/ in this bucket; local segments are kept until "
          + "the upload is confirmed.")
  String auditArchive;

  @Option(names = "--audit-archive-endpoint", paramLabel = "URL",
      description = "S3-compatible endpoint (path-style addressing); default: AWS S3.")
  URI auditArchiveEndpoint;

  @Option(names = "--audit-archive-quiet", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
      description = "Seal and upload the active segment when nothing was uploaded for this long (default: ${DEFAULT-VALUE}).")
  Duration auditArchiveQuiet;

  @Option(names = "--audit-archive-scan", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "How often sealed segments are looked for (default: ${DEFAULT-VALUE}).")
  Duration auditArchiveScan;

  @Option(names = "--audit-archive-retention", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Object Lock retention (COMPLIANCE mode) on every upload, e.g. 90d; the bucket must have Object Lock.")
  Duration auditArchiveRetention;

  @Option(names = "--client-ca", description = "Require client certificates signed by this CA (PEM).")
  Path clientCa;

  @Option(names = "--shutdown-timeout-ms", defaultValue = "20000",
      description = "On SIGTERM, how long in-flight requests may take before exit (default: ${DEFAULT-VALUE}).")
  long shutdownMillis;

  @Option(names = "--cluster", defaultValue = "off",
      description = "Also read Namespaces and parameter objects (SparkTenants, ...) from the cluster: off, on, or auto "
          + "(on when running in a pod with a service account token) (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(names = "--background-scan", paramLabel = "PERIOD", converter = DurationConverter.class,
      description = "With cluster mode: every PERIOD (e.g. 1h) and soon after the policies, a SparkTenant, an "
          + "exception or a namespace change, one replica (a Lease) scans the Spark applications and pods that run "
          + "and writes a PolicyReport per namespace (default: off).")
  Duration backgroundScan;

  @Option(names = "--max-in-flight", defaultValue = "256",
      description = "Admission requests worked on at once; one more is answered at once with HTTP 429 and a JSON "
          + "reason, so the API server applies the webhook's failurePolicy (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--exception-approver-user", paramLabel = "NAME",
      description = "A user who may approve SparkPolicyExceptions in every namespace, beside each SparkTenant's "
          + "spec.exceptions.approvers (repeatable).")
  List<String> exceptionApproverUsers;

  @Option(names = "--exception-approver-group", paramLabel = "NAME",
      description = "A group whose members may approve SparkPolicyExceptions in every namespace (repeatable).")
  List<String> exceptionApproverGroups;

  @CommandLine.Mixin ImageScanKeysOption imageScanKeys;

  @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
      description = "Before reporting ready, replay representative Spark requests through the admission path over "
          + "loopback for this long, so that the first real requests find it compiled; 0 starts cold. Warm-up "
          + "requests are not audited or counted (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--warmup-requests", paramLabel = "N", defaultValue = "1000",
      description = "End the warm-up sooner once N requests have been sent; past about a thousand, more warm-up "
          + "changed little in the first seconds after ready (default: ${DEFAULT-VALUE}).")
  long warmupRequests;

  @Option(names = "--exit-when-ready",
      description = "Start, then stop once ready: a training run that records a Java 25 AOT cache "
          + "(java -XX:AOTCacheOutput=sparkgate.aot -jar sparkgate.jar serve --exit-when-ready; then start with "
          + "-XX:AOTCache=sparkgate.aot) or, on Java 17, a class-data archive (-XX:ArchiveClassesAtExit, then "
          + "-XX:SharedArchiveFile), and fills the compile cache.")
  boolean exitWhenReady;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private AuditConfig auditConfig() {
    FailureMode mode = switch (auditFailure) {
      case "fail-closed" -> FailureMode.FAIL_CLOSED;
      case "fail-open" -> FailureMode.FAIL_OPEN;
      default -> throw new IllegalArgumentException("--audit-failure must be fail-closed or fail-open");
    };
    AuditConfig.Builder builder = AuditConfig.builder()
        .logFile(auditLog)
        .keyDirectory(certs)
        .fsync(auditFsync)
        .copyToStdout(auditStdout)
        .failureMode(mode)
        .maxFileBytes(auditMaxFileMb * 1024 * 1024)
        .retainedFiles(auditArchive != null ? Integer.MAX_VALUE : auditRetainedFiles)
        .instanceId(SegmentKey.checkInstance(auditInstance != null ? auditInstance : instanceId()));
    if (auditKey != null) {
      builder.signingKeyFile(auditKey);
    }
    return builder.build();
  }

  private ArchiveSettings archiveSettings() {
    return new ArchiveSettings(ArchiveLocation.parse(auditArchive), auditArchiveEndpoint, auditArchiveQuiet,
        auditArchiveRetention, auditArchiveScan);
  }

  /** The pod name in Kubernetes (POD_NAME from the downward API, or HOSTNAME), else the host name. */
  private static String instanceId() {
    String podName = System.getenv("POD_NAME");
    if (podName != null && !podName.isBlank()) {
      return podName;
    }
    String hostname = System.getenv("HOSTNAME");
    if (hostname != null && !hostname.isBlank()) {
      return hostname;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "sparkgate";
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    AuditConfig audit;
    ArchiveSettings archive;
    boolean clusterMode;
    WarmupBudget warmupBudget;
    ServerConfig config;
    try {
      if (warmupRequests < 0) {
        throw new IllegalArgumentException("--warmup-requests must be 0 or more, got " + warmupRequests);
      }
      warmupBudget = new WarmupBudget(warmup, warmupRequests);
      if (budgetMillis < 1 || budgetMillis > MAX_EVALUATION_BUDGET_MILLIS) {
        throw new IllegalArgumentException("--evaluation-budget-ms must be between 1 and "
            + MAX_EVALUATION_BUDGET_MILLIS + ", got " + budgetMillis);
      }
      audit = noAudit ? null : auditConfig();
      archive = audit != null && auditArchive != null ? archiveSettings() : null;
      ClusterMode mode = ClusterMode.parse(cluster);
      clusterMode = mode.enabled(System.getenv(), ClusterMode.SERVICE_ACCOUNT_TOKEN);
      if (mode == ClusterMode.AUTO) {
        spec.commandLine().getErr().println("--cluster=auto: cluster mode is " + (clusterMode ? "on (running in a pod)"
            : "off (not in a pod with a service account token)"));
      }
      config = new ServerConfig(policies.directory, certs, host, port, adminHost, adminPort, maxBodyBytes,
          maxNesting, TimeUnit.MILLISECONDS.toNanos(budgetMillis), reloadPeriodMillis, service, namespace,
          eventLoops != null ? eventLoops : Runtime.getRuntime().availableProcessors(), audit, clientCa,
          shutdownMillis, maxInFlight);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 2;
    }
    SparkgateServer server = new SparkgateServer(config)
        .withExceptionApprovers(new PlatformApprovers(exceptionApproverUsers, exceptionApproverGroups))
        .withImageScanKeys(imageScanKeys.paths)
        .withWarmup(warmupBudget)
        .withCompileCache(Engines.compileCache());
    if (archive != null) {
      server.withAuditArchive(archive);
    }
    if (clusterMode) {
      server.withCluster(() -> new KubernetesClientBuilder().build());
    }
    if (backgroundScan != null) {
      if (!clusterMode || backgroundScan.isZero()) {
        spec.commandLine().getErr().println("error: --background-scan needs cluster mode (--cluster=on) and a period"
            + " above zero");
        return 2;
      }
      server.withBackgroundScan(BackgroundScanSettings.of(backgroundScan, System.getenv("POD_NAMESPACE"), instanceId()));
    }
    try {
      server.start();
    } catch (SparkgateServer.StartupException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
    if (exitWhenReady) {
      server.close();
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "sparkgate-shutdown"));
    stopped.await();
    return 0;
  }

}
