package io.sparkgate.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * Run by {@link CrashTest} in a separate JVM: appends records forever, at most 64 in flight, and
 * prints {@code ACK <uid>} once each record's future has completed. The parent kills it with SIGKILL.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(args[0]);
    AuditConfig cfg = AuditFixtures.config(dir).checkpointEveryRecords(50).build();
    AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry());
    Semaphore inFlight = new Semaphore(64);
    for (int i = 1; ; i++) {
      inFlight.acquire();
      AuditRecord r = AuditFixtures.record(i);
      log.append(r).whenComplete((ok, error) -> {
        if (error == null) {
          System.out.println("ACK " + r.uid());
          System.out.flush();
        }
        inFlight.release();
      });
    }
  }
}
