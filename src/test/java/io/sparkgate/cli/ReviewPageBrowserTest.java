package io.sparkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sparkgate.audit.AuditConfig;
import io.sparkgate.audit.AuditLog;
import io.sparkgate.audit.AuditRecord;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.audit.PolicyOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The review page in a real headless browser (Debian's chromium): its totals equal
 * {@code audit summary} of the same files, search finds an application, and a screenshot is taken.
 */
class ReviewPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern SUMMARY =
      Pattern.compile("Decisions: (\\d+) \\(allowed (\\d+), denied (\\d+), dry-run (\\d+)\\)");

  private static AuditRecord record(int i) {
    boolean denied = i % 4 == 0;
    String message = denied ? "ValidatingAdmissionPolicy 'spark-limits' with binding 'spark-limits' denied request: "
        + "executor memory exceeds the team limit <8Gi>" : "";
    return AuditRecord.builder()
        .time(Instant.parse("2026-03-01T08:00:00Z").plusSeconds(i * 97L))
        .uid("uid-" + i)
        .endpoint(Endpoint.VALIDATE)
        .operation("CREATE")
        .kind("sparkoperator.k8s.io", "v1beta2", "SparkApplication")
        .resource("sparkapplications")
        .namespace(List.of("team-a", "team-b", "analytics").get(i % 3))
        .name("spark-pi-" + i)
        .user("alice", List.of("system:authenticated"))
        .dryRun(i % 10 == 0)
        .allowed(!denied)
        .statusCode(denied ? 403 : 200)
        .statusMessage(message)
        .policies(List.of(new PolicyOutcome("spark-limits", "spark-limits", "Deny", denied ? "fail" : "pass",
            denied ? message : null)))
        .warnings(List.of())
        .patchPaths(List.of())
        .policySetHash("sha256:abc")
        .latencyMicros(120)
        .instanceId("sparkgate-0")
        .build();
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    commandLine.execute(args);
    return out.toString();
  }

  private static String chromium(Path profile, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium did not finish");
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static long number(String dom, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(dom);
    assertThat(m.find()).as("the page shows %s", id).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void thePageTotalsEqualAuditSummaryInARealBrowser(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        "chromium is not installed (apt-get install -y chromium; .ci/run installs it): browser test skipped");
    Path log = dir.resolve("audit").resolve("audit.log");
    try (AuditLog audit = AuditLog.open(AuditConfig.builder().logFile(log).keyDirectory(dir.resolve("certs"))
        .maxFileBytes(16 * 1024).checkpointInterval(Duration.ofHours(1)).instanceId("sparkgate-0").build(),
        new SimpleMeterRegistry())) {
      for (int i = 1; i <= 240; i++) {
        audit.append(record(i)).join();
      }
    }
    List<String> files;
    try (Stream<Path> s = Files.list(log.getParent())) {
      files = s.map(Path::toString).toList();
    }
    List<String> args = new ArrayList<>(List.of("audit", "summary"));
    args.addAll(files);
    Matcher summary = SUMMARY.matcher(cli(args.toArray(String[]::new)));
    assertThat(summary.find()).isTrue();

    try (AuditSources sources = AuditSources.resolve(files, null, null, null);
         ReviewServer server = ReviewServer.start(
             ReviewModels.load(sources, List.of(dir.resolve("certs").resolve("audit-signing.pub"))), "127.0.0.1", 0)) {
      String url = "http://127.0.0.1:" + server.port() + "/";
      String dom = chromium(dir.resolve("profile"), "--dump-dom", url);
      assertThat(number(dom, "total")).isEqualTo(Long.parseLong(summary.group(1)));
      assertThat(number(dom, "allowed")).isEqualTo(Long.parseLong(summary.group(2)));
      assertThat(number(dom, "denied")).isEqualTo(Long.parseLong(summary.group(3)));
      assertThat(number(dom, "dry-run")).isEqualTo(Long.parseLong(summary.group(4)));
      assertThat(dom).contains("<td class=\"ok\">OK</td>").contains("&lt;8Gi&gt;").doesNotContain("<8Gi>");

      String found = chromium(dir.resolve("profile"), "--dump-dom", url + "?q=spark-pi-17");
      assertThat(found).contains("id=\"search-results\"").contains("uid-17").contains("uid-170");

      Path png = Path.of(System.getProperty("java.io.tmpdir"), "sparkgate-review.png");
      Files.deleteIfExists(png);
      chromium(dir.resolve("profile"), "--screenshot=" + png, "--window-size=1280,1800", "--hide-scrollbars", url);
      assertThat(png).exists();
      assertThat(Files.size(png)).isGreaterThan(10_000);
    }
  }
}
