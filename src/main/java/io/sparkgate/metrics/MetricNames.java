package io.sparkgate.metrics;

/** Every metric Sparkgate publishes, by its Micrometer name (Prometheus adds units and _total). */
public final class MetricNames {
  public static final String ADMISSION_REQUESTS = "sparkgate.admission.requests";
  public static final String ADMISSION_DURATION = "sparkgate.admission.duration";
  public static final String POLICY_EVALUATIONS = "sparkgate.policy.evaluations";
  /** Requests whose evaluation the wall-clock safety net cut off (the cost limits did not). */
  public static final String EVALUATION_DEADLINE_EXCEEDED = "sparkgate.evaluation.deadline.exceeded";
  public static final String POLICY_EXCEPTIONS_APPLIED = "sparkgate.policy.exceptions.applied";
  public static final String POLICY_EXCEPTIONS_ACTIVE = "sparkgate.policy.exceptions.active";
  public static final String POLICIES_LOADED = "sparkgate.policies.loaded";
  /** Scan records in service by state (verified, rejected: a signature or shape that does not verify). */
  public static final String IMAGE_SCAN_RECORDS = "sparkgate.image.scan.records";
  public static final String POLICY_RELOADS = "sparkgate.policy.reloads";
  public static final String CERTIFICATE_EXPIRY = "sparkgate.certificate.expiry.timestamp";
  public static final String CLUSTER_CACHE_STALE = "sparkgate.cluster.cache.stale";
  public static final String CLUSTER_WATCH_RECONNECTS = "sparkgate.cluster.watch.reconnects";
  public static final String CLUSTER_OBJECTS = "sparkgate.cluster.objects";
  public static final String CLUSTER_SYNCED = "sparkgate.cluster.synced";
  /** Violations (fail and warn findings) by namespace and policy, from the last background scan. */
  public static final String POLICY_VIOLATIONS = "sparkgate.policy.violations";
  public static final String BACKGROUND_SCAN_DURATION = "sparkgate.background.scan.duration";
  public static final String AUDIT_QUEUE_SIZE = "sparkgate.audit.queue.size";
  public static final String AUDIT_BATCHES = "sparkgate.audit.batches";
  public static final String AUDIT_FSYNCS = "sparkgate.audit.fsyncs";
  public static final String AUDIT_FAIL_OPEN = "sparkgate.audit.fail.open";
  public static final String AUDIT_CHECKPOINTS = "sparkgate.audit.checkpoints";
  public static final String AUDIT_RECORDS = "sparkgate.audit.records";
  public static final String AUDIT_ARCHIVE_UPLOADS = "sparkgate.audit.archive.uploads";
  public static final String AUDIT_ARCHIVE_WAITING_SEGMENTS = "sparkgate.audit.archive.waiting.segments";
  /** The per-run estimates of admitted Spark application runs, in currency units, by cost center and currency. */
  public static final String ESTIMATED_COST = "sparkgate.estimated.cost";
  /** Admitted Spark application runs whose cost has no bound (never counted as zero cost), by cost center. */
  public static final String UNBOUNDED_COST_RUNS = "sparkgate.unbounded.cost.runs";
  /** The tenants' spec.cost.monthlyBudget summed per cost center and currency. */
  public static final String COST_CENTER_MONTHLY_BUDGET = "sparkgate.cost.center.monthly.budget";

  private MetricNames() {}
}
