package io.sparkgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The soak's short variant: a real server in its own JVM under 10 requests a second for 16 s,
 * sampled every 2 s while policies, the certificate and the tenant change. It checks the sampling
 * and the verdicts, not the figures (the machine running the tests is shared).
 */
class SoakTest {
  @Test
  void samplesTheServerAndJudgesEverySeries() throws Exception {
    SoakSettings settings = new SoakSettings(Path.of("policies"), Path.of("test-fixtures/spark"), Duration.ofSeconds(16),
        Duration.ofSeconds(2), Duration.ofSeconds(6), 10, Duration.ofSeconds(1), Duration.ofSeconds(1), 8, "128m");
    StringWriter text = new StringWriter();
    SoakReport report = new Soak(settings, new PrintWriter(text)).measure();
    String output = text.toString();
    System.out.print(output);

    List<SoakSample> samples = report.samples();
    assertThat(samples).hasSize(8);
    assertThat(samples).extracting(SoakSample::at).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(6), Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(12),
        Duration.ofSeconds(14), Duration.ofSeconds(16));
    for (SoakSample sample : samples) {
      assertThat(sample.heapAfterGcMiB()).as("heap after GC").isBetween(1.0, 128.0);
      assertThat(sample.liveThreads()).as("live threads").isGreaterThan(5);
      assertThat(sample.openFileDescriptors()).as("open file descriptors").isGreaterThan(10);
      assertThat(sample.auditQueue()).as("audit queue").isGreaterThanOrEqualTo(0);
    }
    long requests = samples.stream().mapToLong(SoakSample::requests).sum();
    // answers, not a rate: on a starved machine the server may fall behind
    assertThat(requests).as("requests answered at 10/s over 16 s").isGreaterThan(20L);
    String changes = String.join(",", samples.stream().map(SoakSample::changes).toList());
    assertThat(changes).contains("reload", "rotate", "tenant").doesNotContain("failed");

    Matcher reloads = Pattern.compile("policy reloads seen by the server: (\\d+) succeeded, (\\d+) failed").matcher(output);
    assertThat(reloads.find()).as(output).isTrue();
    assertThat(reloads.group(2)).isEqualTo("0");

    assertThat(report.verdicts()).containsOnlyKeys(SoakSeries.values());
    assertThat(report.flat()).isEqualTo(report.verdicts().values().stream().allMatch(Flatness.Verdict::flat));
    Flatness.Verdict threads = report.verdicts().get(SoakSeries.THREADS);
    assertThat(threads.earlyMean()).isEqualTo((samples.get(0).liveThreads() + samples.get(1).liveThreads()) / 2);
    assertThat(threads.lateMean()).isEqualTo((samples.get(6).liveThreads() + samples.get(7).liveThreads()) / 2);
    assertThat(output).contains("heap MiB", "threads", "fds", "audit q", "p99 ms")
        .containsPattern("(?m)^  heap after GC \\(MiB\\) +(flat|NOT FLAT)")
        .containsPattern("(?m)^(flat|NOT FLAT): [\\d,]+ requests, \\d+ errors$");
  }
}
