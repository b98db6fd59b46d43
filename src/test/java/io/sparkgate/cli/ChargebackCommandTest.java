package io.sparkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sparkgate.audit.AuditConfig;
import io.sparkgate.audit.AuditLog;
import io.sparkgate.audit.AuditRecord;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.audit.RunCost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ChargebackCommandTest {
  private static final String UNBOUNDED =
      "dynamic allocation without a maximum number of executors: set spec.dynamicAllocation.maxExecutors";

  @TempDir Path dir;
  private Path log;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeLog() {
    AuditConfig config = AuditConfig.builder()
        .logFile(dir.resolve("audit").resolve("audit.log"))
        .keyDirectory(dir.resolve("certs"))
        .checkpointInterval(Duration.ofHours(1))
        .build();
    try (AuditLog audit = AuditLog.open(config, new SimpleMeterRegistry())) {
      audit.append(created("a", "2026-01-05T10:00:00Z", "team-red", new RunCost("red", "cc-1", "USD", 74_400_000L,
          null, null, null, null, null))).join();
      audit.append(created("b", "2026-02-05T10:00:00Z", "team-red", new RunCost("red", "cc-1", "USD", 1_000_000L,
          null, null, null, null, null))).join();
      audit.append(created("c", "2026-01-07T10:00:00Z", "team-blue", new RunCost("blue", "cc-2", "USD", 2_500_000L,
          null, null, null, null, null))).join();
      audit.append(created("explore", "2026-01-09T10:00:00Z", "team-blue", new RunCost("blue", "cc-2", "USD", null,
          UNBOUNDED, null, null, null, null))).join();
    }
    log = config.logFile();
  }

  private static AuditRecord created(String uid, String time, String namespace, RunCost cost) {
    return AuditRecord.builder().time(Instant.parse(time)).uid(uid).endpoint(Endpoint.VALIDATE).operation("CREATE")
        .kind("sparkoperator.k8s.io", "v1beta2", "SparkApplication").resource("sparkapplications")
        .namespace(namespace).name(uid).allowed(true).statusCode(200).cost(cost).build();
  }

  private int run(String... args) {
    CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    all[0] = "audit";
    all[1] = "chargeback";
    System.arraycopy(args, 0, all, 2, args.length);
    return cli.execute(all);
  }

  @Test
  void sumsTheMonthFromTheLogAsCsvByTeam() {
    assertThat(run("--from", "2026-01-01", "--to", "2026-01-31", "--by", "team", "--format", "csv", log.toString()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("""
        team,currency,amount,micros,runs,unbounded
        blue,USD,2.50,2500000,1,1
        red,USD,74.40,74400000,1,0
        """);
  }

  /** The example of docs/audit.md. */
  @Test
  void theTableListsUnboundedApplicationsApart() {
    assertThat(run("--from", "2026-01-01", "--to", "2026-01-31", log.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("""
        estimated cost of admitted Spark applications from 2026-01-01T00:00:00Z to 2026-02-01T00:00:00Z, by costCenter
        costCenter  currency  amount  runs  unbounded
        cc-1        USD       74.40   1     0
        cc-2        USD       2.50    1     1

        no bound on the cost (not summed):
          2026-01-09T10:00:00Z  team-blue/explore (SparkApplication): %s
        """.formatted(UNBOUNDED));
  }

  @Test
  void withoutBoundsTheWholeLogUpToNowIsCounted() {
    assertThat(run(log.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("up to ", "by costCenter").containsPattern("cc-1 +USD +75.40 +2 +0");
  }

  @Test
  void badDatesAndOptionsExitTwoWithAClearMessage() {
    assertThat(run("--from", "last month", log.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(
        "'last month' is not a date such as 2026-01-31 or an RFC 3339 time such as 2026-01-31T12:00:00Z");
    assertThat(run("--from", "2026-02-01", "--to", "2026-01-01", log.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("audit chargeback: --from 2026-02-01T00:00:00Z is not before --to 2026-01-02T00:00:00Z");
    assertThat(run("--by", "user", log.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("expected team, costCenter or namespace, not 'user'");
    assertThat(run("--format", "xml", log.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("expected table, csv or json, not 'xml'");
    assertThat(run(dir.resolve("missing.log").toString())).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
  }
}
