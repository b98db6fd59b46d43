package io.sparkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sparkgate.audit.AuditConfig;
import io.sparkgate.audit.AuditLog;
import io.sparkgate.audit.AuditRecord;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.audit.PolicyOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;
  private Path log;
  private Path key;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeLog() {
    AuditConfig cfg = AuditConfig.builder()
        .logFile(dir.resolve("audit").resolve("audit.log"))
        .keyDirectory(dir.resolve("certs"))
        .maxFileBytes(1_500)
        .checkpointInterval(Duration.ofHours(1))
        .build();
    try (AuditLog audit = AuditLog.open(cfg, new SimpleMeterRegistry())) {
      for (int i = 1; i <= 6; i++) {
        audit.append(record(i)).join();
      }
    }
    log = cfg.logFile();
    key = dir.resolve("certs").resolve("audit-signing.pub");
  }

  @Test
  void verifyReportsOkWithCountsForRotatedFilesGivenInAnyOrder() throws IOException {
    List<String> files = new ArrayList<>(logFiles());
    assertThat(files).hasSizeGreaterThan(2);
    java.util.Collections.reverse(files);
    List<String> args = new ArrayList<>(List.of("verify", "--key", key.toString()));
    args.addAll(files);

    assertThat(run(args.toArray(String[]::new))).isEqualTo(0);
    assertThat(out.toString()).startsWith("OK: 6 records, ");
    assertThat(out.toString()).containsPattern("OK: 6 records, \\d+ checkpoints");
  }

  @Test
  void verifyNamesTheTamperedLineAndExitsOne() throws IOException {
    Path oldest = log.resolveSibling(logFiles().get(1));
    List<String> lines = Files.readAllLines(oldest);
    assertThat(lines.get(1)).contains("\"uid\":\"uid-1\"");
    lines.set(1, lines.get(1).replace("\"name\":\"app-1\"", "\"name\":\"app-9\""));
    Files.write(oldest, lines);

    List<String> args = new ArrayList<>(List.of("verify", "--key", key.toString()));
    args.addAll(logFiles());
    assertThat(run(args.toArray(String[]::new))).isEqualTo(1);
    assertThat(out.toString()).startsWith("FAILED: " + oldest + ":2: ");
  }

  @Test
  void verifyRejectsAForgedCheckpointByKey() throws IOException {
    Path otherKeyDir = dir.resolve("other");
    try (AuditLog other = AuditLog.open(AuditConfig.builder().logFile(otherKeyDir.resolve("a.log"))
        .keyDirectory(otherKeyDir).build(), new SimpleMeterRegistry())) {
      other.append(record(1)).join();
    }
    assertThat(run("verify", "--key", key.toString(), otherKeyDir.resolve("a.log").toString())).isEqualTo(1);
    assertThat(out.toString()).contains("a.log:1:", "not a trusted key");
  }

  @Test
  void badUsageOrUnreadableInputExitsTwo() {
    assertThat(run("verify", dir.resolve("missing.log").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.log: no such readable file");

    assertThat(run("verify", "--key", log.toString(), log.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("PUBLIC KEY");

    assertThat(run("verify")).isEqualTo(2);
    assertThat(run("query", "--since", "yesterday", log.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("RFC 3339");
    assertThat(run("query", "--decision", "maybe", log.toString())).isEqualTo(2);
    assertThat(run("query", "--output", "xml", log.toString())).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
  }

  @Test
  void queryPrintsMatchingLinesAsJson() throws IOException {
    String[] args = Stream.concat(
        Stream.of("query", "--decision", "denied", "--since", "2025-03-01T10:00:02Z", "--output", "json"),
        logFiles().stream()).toArray(String[]::new);
    assertThat(run(args)).isEqualTo(0);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(lines.get(0)).get("uid").asText()).isEqualTo("uid-3");
    assertThat(json.readTree(lines.get(1)).get("uid").asText()).isEqualTo("uid-6");
  }

  @Test
  void queryPrintsATable() throws IOException {
    String[] args = Stream.concat(Stream.of("query", "--namespace", "team-b", "--policy", "limits"),
        logFiles().stream()).toArray(String[]::new);
    assertThat(run(args)).isEqualTo(0);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).startsWith("TIME").contains("DECISION", "NAMESPACE", "MESSAGE");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).contains("2025-03-01T10:00:03.000Z", "denied", "team-b", "app-3",
        "executor memory exceeds 8Gi");
  }

  @Test
  void summaryPrintsCounts() throws IOException {
    String[] args = Stream.concat(Stream.of("summary"), logFiles().stream()).toArray(String[]::new);
    assertThat(run(args)).isEqualTo(0);
    assertThat(out.toString()).contains("Decisions: 6 (allowed 4, denied 2, dry-run 0)", "limits", "team-a",
        "executor memory exceeds 8Gi");
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cmd = new CommandLine(new AuditCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private List<String> logFiles() throws IOException {
    try (Stream<Path> s = Files.list(log.getParent())) {
      return s.map(Path::toString).sorted().toList();
    }
  }

  private static AuditRecord record(int i) {
    boolean denied = i % 3 == 0;
    return AuditRecord.builder()
        .time(T0.plusSeconds(i))
        .uid("uid-" + i)
        .endpoint(Endpoint.VALIDATE)
        .operation("CREATE")
        .kind("sparkoperator.k8s.io", "v1beta2", "SparkApplication")
        .resource("sparkapplications")
        .namespace(i % 2 == 0 ? "team-a" : "team-b")
        .name("app-" + i)
        .user("alice", List.of("dev"))
        .allowed(!denied)
        .statusCode(denied ? 403 : 200)
        .statusMessage(denied ? "executor memory exceeds 8Gi" : "")
        .policies(List.of(new PolicyOutcome("limits", "limits-binding", "Deny", denied ? "fail" : "pass", null)))
        .policySetHash("sha256:abc")
        .latencyMicros(100)
        .instanceId("test")
        .build();
  }
}
