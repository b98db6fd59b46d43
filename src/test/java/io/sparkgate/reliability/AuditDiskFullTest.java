package io.sparkgate.reliability;

import io.sparkgate.testing.Reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit disk fills up under load. Simulated per process with {@code ulimit -f} (files cannot
 * grow past 512 KiB; writes fail with EFBIG as on a full disk), no root needed. Fail-closed denies
 * every request from then on, naming the audit failure; fail-open answers and counts it; both
 * show it in the metrics; no HTTP error is ever sent. An audit log on /dev/full refuses to start.
 */
class AuditDiskFullTest {
  private static final String FILE_LIMIT = "ulimit -f 512";

  private static Path policies(Path dir) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(policies.resolve("policy.yaml"), Reviews.REPLICAS_POLICY);
    return policies;
  }

  /**
   * Sends compliant requests in rounds of 2 s until the audit log has refused records (at most
   * 30 s), then one more round; far more records than fit in 512 KiB.
   */
  private static LoadResult fillTheDisk(ChildServer server, String failureSeries) throws Exception {
    LoadResult total = new LoadResult();
    AdminProbe admin = new AdminProbe(server.adminPort);
    try (LoadDriver driver = new LoadDriver(server.dir.resolve("certs").resolve("ca.crt"), server.port, 8,
        Duration.ofSeconds(10))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      boolean full = false;
      int round = 0;
      while (!full && System.nanoTime() < deadline) {
        int offset = round++ * 1_000_000;
        total.add(driver.closedLoop(8, Duration.ofSeconds(2), "/validate", i -> Reviews.deployment("fill-" + (offset + i), 1)));
        full = metric(admin.metrics(), failureSeries) > 0;
      }
      int offset = round * 1_000_000;
      total.add(driver.closedLoop(8, Duration.ofSeconds(1), "/validate", i -> Reviews.deployment("fill-" + (offset + i), 1)));
    }
    return total;
  }

  private static double metric(String metrics, String series) {
    Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E]+)$").matcher(metrics);
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }

  @Test
  void failClosedDeniesNamingTheAuditFailureAndCountsIt(@TempDir Path dir) throws Exception {
    try (ChildServer server = ChildServer.start(dir, policies(dir), FILE_LIMIT,
        "--audit-log", dir.resolve("audit/audit.log").toString(), "--audit-failure", "fail-closed")) {
      assertThat(server.awaitReady()).as("started").isTrue();
      LoadResult load = fillTheDisk(server, "sparkgate_audit_records_total{result=\"failed\"}");
      String metrics = new AdminProbe(server.adminPort).metrics();
      double written = metric(metrics, "sparkgate_audit_records_total{result=\"written\"}");
      double failed = metric(metrics, "sparkgate_audit_records_total{result=\"failed\"}");
      double denied = metric(metrics,
          "sparkgate_admission_requests_total{decision=\"denied\",endpoint=\"validate\",kind=\"Deployment\",operation=\"CREATE\"}");
      Figures.record("audit-disk-full fail-closed", load + "; audit records written " + written + ", failed " + failed
          + ", denied " + denied + ", audit file " + Files.size(dir.resolve("audit/audit.log")) + " bytes");
      assertThat(load.serverErrors() + load.failures()).isZero();
      assertThat(written).as("records written before the disk filled").isPositive();
      assertThat(failed).as("records that could not be written").isPositive();
      assertThat(denied).as("compliant requests denied because of the audit failure").isEqualTo(failed);
      try (LoadDriver driver = new LoadDriver(dir.resolve("certs").resolve("ca.crt"), server.port, 1, Duration.ofSeconds(10))) {
        LoadDriver.Answer answer = driver.send("/validate", Reviews.deployment("after-full", 1)).get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"uid\":\"after-full\"").contains("\"allowed\":false").contains("\"code\":503")
            .contains("could not be written to the audit log");
      }
      assertThat(server.process.isAlive()).isTrue();
      assertThat(new AdminProbe(server.adminPort).status("/healthz")).isEqualTo(200);
    }
  }

  @Test
  void failOpenAllowsAndCountsWhatWasNotRecorded(@TempDir Path dir) throws Exception {
    try (ChildServer server = ChildServer.start(dir, policies(dir), FILE_LIMIT,
        "--audit-log", dir.resolve("audit/audit.log").toString(), "--audit-failure", "fail-open")) {
      assertThat(server.awaitReady()).as("started").isTrue();
      LoadResult load = fillTheDisk(server, "sparkgate_audit_fail_open_total");
      String metrics = new AdminProbe(server.adminPort).metrics();
      double failOpen = metric(metrics, "sparkgate_audit_fail_open_total");
      double allowed = metric(metrics,
          "sparkgate_admission_requests_total{decision=\"allowed\",endpoint=\"validate\",kind=\"Deployment\",operation=\"CREATE\"}");
      Figures.record("audit-disk-full fail-open", load + "; answered without a record (sparkgate_audit_fail_open_total) "
          + failOpen + ", allowed " + allowed);
      assertThat(load.serverErrors() + load.failures()).isZero();
      assertThat(failOpen).isPositive();
      assertThat(allowed).isEqualTo(load.count());
    }
  }

  @Test
  void anAuditLogThatCannotBeWrittenAtAllStopsTheStart(@TempDir Path dir) throws Exception {
    try (ChildServer server = ChildServer.start(dir, policies(dir), "true", "--audit-log", "/dev/full")) {
      assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
      assertThat(server.process.exitValue()).isEqualTo(1);
      assertThat(server.log()).contains("cannot open the audit log").contains("/dev/full");
    }
  }
}
