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
 * -Dsparkgate.overload.seconds=8} at {@code -Dsparkgate.overload.multiple=3} times capacity), with
 * every request traced on both sides: the client's queueing, connection, write and answer, and the
 * server's steps from arrival to response written. Prints, per run, the requests sent and those
 * without an answer, and for each of those where it was lost. Opt-in: about 30 s a run.
 *
 * <p>{@code -Dsparkgate.overload.scenario=first} runs the first overload test's set-up: a trivial
 * policy, --max-in-flight 64, 128 of the pool's 256 connections opened before the overload;
 * otherwise {@link OverloadTest}'s: a policy that costs what a pack costs, --max-in-flight 8, every
 * connection opened first.
 */
@EnabledIfSystemProperty(named = "sparkgate.overload.runs", matches = "\\d+")
class OverloadRepeatTest {
  /** One way of setting up the overload. */
  record Scenario(String policy, int maxInFlight, int connections, int warmConnections, int capacityClients) {}

  static final Scenario FIRST = new Scenario(Reviews.REPLICAS_POLICY, 64, 256, 128, 128);
  static final Scenario CURRENT = new Scenario(OverloadTest.COSTLY_POLICY, OverloadTest.MAX_IN_FLIGHT,
      OverloadTest.CONNECTIONS, OverloadTest.CONNECTIONS, OverloadTest.MAX_IN_FLIGHT);

  @Test
  void everyRequestOfEveryRunIsAnswered(@TempDir Path dir) throws Exception {
    int runs = Integer.getInteger("sparkgate.overload.runs");
    Duration overload = Duration.ofSeconds(Long.getLong("sparkgate.overload.seconds", 8));
    double multiple = Double.parseDouble(System.getProperty("sparkgate.overload.multiple", "3"));
    Scenario scenario = "first".equals(System.getProperty("sparkgate.overload.scenario")) ? FIRST : CURRENT;
    Duration timeout = scenario == FIRST ? Duration.ofSeconds(30) : OverloadTest.WEBHOOK_TIMEOUT;
    List<String> lost = new ArrayList<>();
    long sent = 0;
    long unansweredTotal = 0;
    for (int run = 1; run <= runs; run++) {
      RequestLedger ledger = new RequestLedger();
      Path runDir = Files.createDirectories(dir.resolve("run-" + run));
      try (ReliabilityServer server = ReliabilityServer.start(runDir, scenario.policy(),
              config -> config.withMaxInFlight(scenario.maxInFlight()), ledger);
          LoadDriver driver = new LoadDriver(server.ca(), server.port(), scenario.connections(), timeout)) {
        driver.closedLoop(scenario.warmConnections(), Duration.ofSeconds(3), "/validate",
            i -> Reviews.deployment("warm-" + i, i % 10));
        LoadResult capacity = driver.closedLoop(scenario.capacityClients(), Duration.ofSeconds(scenario == FIRST ? 4 : 3),
            "/validate", i -> Reviews.deployment("cap-" + i, i % 10));
        driver.tracedIn(ledger);
        LoadResult result = driver.openLoop(multiple * capacity.perSecond(), overload, "/validate",
            i -> Reviews.deployment("over-" + i, i % 10)).expecting(OverloadTest::decisionOrOverloaded);
        List<RequestLedger.Entry> unanswered = ledger.unanswered();
        sent += ledger.size();
        unansweredTotal += unanswered.size();
        Map<String, Long> where = new TreeMap<>();
        unanswered.forEach(entry -> where.merge(entry.lostWhere(), 1L, Long::sum));
        Figures.record("overload-repeat", String.format(
            "run %d: capacity %.0f/s, %.0fx: %s; traced %d, unanswered %d %s, worst %.0f ms (timeout %d ms)",
            run, capacity.perSecond(), multiple, result, ledger.size(), unanswered.size(), where, result.maxMillis(),
            timeout.toMillis()));
        for (RequestLedger.Entry entry : unanswered.subList(0, Math.min(10, unanswered.size()))) {
          String line = "run " + run + ": " + entry.describe(ledger.origin);
          Figures.record("overload-repeat", line);
          lost.add(line);
        }
      }
    }
    Figures.record("overload-repeat", String.format("%d runs, %d requests traced, %d unanswered", runs, sent, unansweredTotal));
    assertThat(lost).as("requests without an answer").isEmpty();
  }
}
