package io.sparkgate.audit;

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
    batches = Counter.builder("sparkgate.audit.batches")
        .description("Group commits: one file write each").register(registry);
    fsyncs = Counter.builder("sparkgate.audit.fsyncs")
        .description("FileChannel.force calls").register(registry);
    failOpenAllowed = Counter.builder("sparkgate.audit.fail.open")
        .description("Responses sent although their audit record could not be written (FAIL_OPEN)")
        .register(registry);
    for (CheckpointReason reason : CheckpointReason.values()) {
      checkpoints.put(reason, Counter.builder("sparkgate.audit.checkpoints")
          .description("Signed checkpoint lines written")
          .tag("reason", reason.wireName())
          .register(registry));
    }
  }

  private static Counter records(MeterRegistry registry, String result) {
    return Counter.builder("sparkgate.audit.records")
        .description("Audit records by write result")
        .tag("result", result)
        .register(registry);
  }

  void checkpointWritten(CheckpointReason reason) {
    checkpoints.get(reason).increment();
  }
}
