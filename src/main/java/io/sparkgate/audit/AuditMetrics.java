package io.sparkgate.audit;

import io.sparkgate.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Micrometer meters of the audit log; Prometheus names end in {@code _total}. */
final class AuditMetrics {
  final Counter written;
  final Counter failed;
  final Counter batches;
  final Counter fsyncs;
  final Counter failOpenAllowed;
  private final Map<CheckpointReason, Counter> checkpoints = new EnumMap<>(CheckpointReason.class);

  AuditMetrics(MeterRegistry registry) {
    written = records(registry, "written");
    failed = records(registry, "failed");
    batches = Counter.builder(MetricNames.AUDIT_BATCHES)
        .description("Group commits: one file write each").register(registry);
    fsyncs = Counter.builder(MetricNames.AUDIT_FSYNCS)
        .description("FileChannel.force calls").register(registry);
    failOpenAllowed = Counter.builder(MetricNames.AUDIT_FAIL_OPEN)
        .description("Responses sent although their audit record could not be written (FAIL_OPEN)")
        .register(registry);
    for (CheckpointReason reason : CheckpointReason.values()) {
      checkpoints.put(reason, Counter.builder(MetricNames.AUDIT_CHECKPOINTS)
          .description("Signed checkpoint lines written")
          .tag("reason", reason.wireName())
          .register(registry));
    }
  }

  private static Counter records(MeterRegistry registry, String result) {
    return Counter.builder(MetricNames.AUDIT_RECORDS)
        .description("Audit records by write result")
        .tag("result", result)
        .register(registry);
  }

  void checkpointWritten(CheckpointReason reason) {
    checkpoints.get(reason).increment();
  }
}
