package io.sparkgate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hundred generated hostile requests against a real server with the shipped policy pack
 * and a mutating policy: each gets a clear 4xx with a JSON reason or a well-formed AdmissionReview,
 * never a 5xx, within 5 s; the server stays healthy throughout; nothing of the requests' contents
 * reaches the log at INFO.
 */
class HostileInputTest {
  static final Duration BOUND = Duration.ofSeconds(5);

  static String policies() throws Exception {
    return Files.readString(Path.of("policies", "security-baseline.yaml")) + "\n---\n"
        + Files.readString(Path.of("test-fixtures", "mutation", "policies", "executor-defaults.yaml"));
  }

  @Test
  void everyHostileRequestGetsAClearAnswerInTimeAndTheServerStaysHealthy(@TempDir Path dir) throws Exception {
    List<HostileCase> cases = HostileCases.all((int) io.sparkgate.server.ServerConfig.DEFAULT_MAX_BODY_BYTES);
    List<String> problems = new ArrayList<>();
    Map<String, Integer> perFamily = new TreeMap<>();
    int serverErrors = 0;
    double worstMillis = 0;
    String worstCase = "";
    List<String> logLines;
    try (ReliabilityServer server = ReliabilityServer.start(dir, policies());
        LogCapture logs = new LogCapture()) {
      RawHttps client = new RawHttps(server.ca(), server.port());
      AdminProbe admin = new AdminProbe(server.server.adminPort());
      byte[] normal = RawHttps.post("/validate", HostileCases.bytes(HostileCases.validReview()));
      for (int i = 0; i < cases.size(); i++) {
        HostileCase hostile = cases.get(i);
        RawAnswer answer = client.exchange(hostile.raw(), Duration.ofSeconds(20));
        perFamily.merge(hostile.family(), 1, Integer::sum);
        if (answer.isServerError()) {
          serverErrors++;
        }
        String problem = hostile.problemWith(answer);
        if (problem != null) {
          problems.add(hostile + ": " + problem);
        }
        if (answer.millis() > worstMillis) {
          worstMillis = answer.millis();
          worstCase = hostile.toString();
        }
        if (i % 25 == 0 || hostile.family().equals("huge")) {
          assertThat(admin.healthy()).as("healthy after " + hostile).isTrue();
          assertThat(client.exchange(normal, BOUND).isAdmissionReviewFor(HostileCase.UID))
              .as("a normal review is answered after " + hostile).isTrue();
        }
      }
      assertThat(admin.healthy()).isTrue();
      logLines = logs.lines();
    }
    Figures.record("hostile-input", cases.size() + " cases " + perFamily + ", 5xx seen " + serverErrors
        + ", problems " + problems.size() + ", worst answer " + Math.round(worstMillis) + " ms (" + worstCase + ")");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
    assertThat(problems).isEmpty();
    assertThat(serverErrors).isZero();
    assertThat(worstMillis).as("worst answer time, ms (" + worstCase + ")").isLessThan(BOUND.toMillis());
    assertThat(logLines).as("log lines at INFO and above").noneMatch(line -> line.contains(HostileCases.SECRET))
        .noneMatch(line -> line.contains("spark-pi-driver"));
  }
}
