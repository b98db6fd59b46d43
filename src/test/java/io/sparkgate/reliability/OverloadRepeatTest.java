package io.sparkgate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.testing.Reviews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overload run repeated ({@code -Dsparkgate.overload.runs=30}, each {@code
 * -Dsparkgate.overload.seconds=8} at three times capacity), with every request traced on both
 * sides: the client's queueing, connection, write and answer, and the server's steps from arrival
 * to response written. Prints, per run, the requests sent and those without an answer, and for
 * each of those where it was lost. Opt-in: about 25 s a run.
 */
@EnabledIfSystemProperty(named = "sparkgate.overload.runs", matches = "\\d+")
class OverloadRepeatTest {
  private static final int MAX_IN_FLIGHT = 64;

  @Test
  void everyRequestOfEveryRunIsAnswered(@TempDir Path dir) throws Exception {
    int runs = Integer.getInteger("sparkgate.overload.runs");
    Duration overload = Duration.ofSeconds(Long.getLong("sparkgate.overload.seconds", 8));
    double multiple = Double.parseDouble(System.getProperty("sparkgate.overload.multiple", "3"));
    List<String> lost = new ArrayList<>();
    long sent = 0;
    for (int run = 1; run <= runs; run++) {
      RequestLedger ledger = new RequestLedger();
      Path runDir = Files.createDirectories(dir.resolve("run-" + run));
      try (ReliabilityServer server = ReliabilityServer.start(runDir, Reviews.REPLICAS_POLICY,
              config -> config.withMaxInFlight(MAX_IN_FLIGHT), ledger);
          LoadDriver driver = new LoadDriver(server.ca(), server.port(), 4 * MAX_IN_FLIGHT,
              Duration.ofSeconds(30))) {
        int connections = 2 * MAX_IN_FLIGHT;
        driver.closedLoop(connections, Duration.ofSeconds(3), "/validate", i -> Reviews.deployment("warm-" + i, i % 10));
        LoadResult capacity = driver.closedLoop(connections, Duration.ofSeconds(4), "/validate",
            i -> Reviews.deployment("cap-" + i, i % 10));
        driver.tracedIn(ledger);
        LoadResult result = driver.openLoop(multiple * capacity.perSecond(), overload, "/validate",
            i -> Reviews.deployment("over-" + i, i % 10));
        List<RequestLedger.Entry> unanswered = ledger.unanswered();
        sent += ledger.size();
        Map<String, Long> where = new TreeMap<>();
        unanswered.forEach(entry -> where.merge(entry.lostWhere(), 1L, Long::sum));
        Figures.record("overload-repeat", String.format("run %d: capacity %.0f/s, %.0fx: %s; traced %d, unanswered %d %s",
            run, capacity.perSecond(), multiple, result, ledger.size(), unanswered.size(), where));
        for (RequestLedger.Entry entry : unanswered.subList(0, Math.min(10, unanswered.size()))) {
          String line = "run " + run + ": " + entry.describe(ledger.origin);
          Figures.record("overload-repeat", line);
          lost.add(line);
        }
        if (unanswered.size() > 10) {
          lost.add("run " + run + ": " + (unanswered.size() - 10) + " more");
        }
      }
    }
    Figures.record("overload-repeat", String.format("%d runs, %d requests traced, %d unanswered", runs, sent, lost.size()));
    assertThat(lost).as("requests without an answer").isEmpty();
  }
}
