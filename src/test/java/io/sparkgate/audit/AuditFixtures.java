package io.sparkgate.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Shared helpers: sample records, a config rooted in a temp dir, line-level file edits. */
final class AuditFixtures {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

  private AuditFixtures() {}

  static AuditRecord record(int i) {
    boolean denied = i % 3 == 0;
    return AuditRecord.builder()
        .time(T0.plusSeconds(i))
        .uid("uid-" + i)
        .endpoint(i % 2 == 0 ? Endpoint.VALIDATE : Endpoint.MUTATE)
        .operation("CREATE")
        .kind("sparkoperator.k8s.io", "v1beta2", "SparkApplication")
        .resource("sparkapplications")
        .namespace(i % 2 == 0 ? "team-a" : "team-b")
        .name("app-" + i)
        .user("alice", List.of("system:authenticated", "data-eng"))
        .dryRun(i % 5 == 0)
        .allowed(!denied)
        .statusCode(denied ? 403 : 200)
        .statusMessage(denied ? "executor memory exceeds 8Gi" : "")
        .policies(List.of(
            new PolicyOutcome("limits", "limits-binding", "Deny", denied ? "fail" : "pass",
                denied ? "executor memory exceeds 8Gi" : null),
            new PolicyOutcome("labels", "labels-binding", "Mutate", "pass", null)))
        .warnings(denied ? List.of("memory") : List.of())
        .patchPaths(i % 2 == 0 ? List.of() : List.of("/metadata/labels/team", "/spec/driver/cores"))
        .policySetHash("sha256:abc123")
        .latencyMicros(150 + i)
        .instanceId("test-instance")
        .build();
  }

  static AuditConfig.Builder config(Path dir) {
    return AuditConfig.builder()
        .logFile(dir.resolve("audit").resolve("audit.log"))
        .keyDirectory(dir.resolve("certs"))
        .checkpointEveryRecords(1000)
        .checkpointInterval(Duration.ofHours(1))
        .instanceId("test-instance");
  }

  /** Opens a log, appends records 1..n, waits for all, closes it. */
  static void writeLog(AuditConfig config, int n) {
    try (AuditLog log = AuditLog.open(config, new SimpleMeterRegistry())) {
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        futures.add(log.append(record(i)));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }
  }

  /** Like {@link #writeLog} but waits for each record: one batch per record, so rotation is frequent. */
  static void writeLogOneByOne(AuditConfig config, int n) {
    try (AuditLog log = AuditLog.open(config, new SimpleMeterRegistry())) {
      for (int i = 1; i <= n; i++) {
        log.append(record(i)).join();
      }
    }
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  static TrustedKeys trustedKeys(Path dir) throws IOException {
    return TrustedKeys.fromPemFiles(List.of(dir.resolve("certs").resolve(SigningKeys.PUBLIC_KEY_FILE)));
  }

  static VerificationResult verify(Path dir, List<Path> files) throws IOException {
    return new AuditVerifier(trustedKeys(dir)).verify(AuditFiles.inChainOrder(files));
  }

  static List<Path> logFiles(Path logFile) throws IOException {
    try (var s = Files.list(logFile.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(logFile.getFileName().toString())).sorted().toList();
    }
  }
}
