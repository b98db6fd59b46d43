package io.sparkgate.reliability;

import io.sparkgate.testing.Reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity first (closed loop, many connections), then three times that rate open loop for a
 * bounded time: every request is answered inside the 5 s webhook timeout, with a decision or, past
 * --max-in-flight, a fast 429 with a JSON reason; the server is healthy afterwards. Not in the
 * default test command: with the generator sharing two cores with the server, a run now and then
 * leaves a request unanswered on the client side (see RELIABILITY.md, open problems). Run it with
 * {@code -Dsparkgate.overload=true}, longer with {@code -Dsparkgate.overload.seconds=60}.
 */
@EnabledIfSystemProperty(named = "sparkgate.overload", matches = "true")
class OverloadTest {
  static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(5);
  static final int MAX_IN_FLIGHT = 64;

  @Test
  void threeTimesCapacityIsAnsweredInsideTheWebhookTimeout(@TempDir Path dir) throws Exception {
    Duration overload = Duration.ofSeconds(Long.getLong("sparkgate.overload.seconds", 8));
    try (ReliabilityServer server = ReliabilityServer.start(dir, Reviews.REPLICAS_POLICY,
            config -> config.withMaxInFlight(MAX_IN_FLIGHT));
        LoadDriver driver = new LoadDriver(server.ca(), server.port(), 4 * MAX_IN_FLIGHT, Duration.ofSeconds(30))) {
      // warm up with every connection the capacity run uses, so that it measures requests, not handshakes
      driver.closedLoop(2 * MAX_IN_FLIGHT, Duration.ofSeconds(3), "/validate", i -> Reviews.deployment("warm-" + i, i % 10));
      LoadResult capacity = driver.closedLoop(2 * MAX_IN_FLIGHT, Duration.ofSeconds(4), "/validate",
          i -> Reviews.deployment("cap-" + i, i % 10));
      double rate = 3 * capacity.perSecond();
      LoadResult result = driver.openLoop(rate, overload, "/validate", i -> Reviews.deployment("over-" + i, i % 10))
          .expecting(OverloadTest::decisionOrOverloaded);
      AdminProbe admin = new AdminProbe(server.server.adminPort());
      String metrics = admin.metrics();
      Figures.record("overload", String.format("capacity %.0f/s (closed loop, %d connections: %s); offered %.0f/s "
              + "open loop for %d s with %d connections, max in flight %d: %s; 429 answers %d",
          capacity.perSecond(), 2 * MAX_IN_FLIGHT, capacity, rate, overload.toSeconds(), 4 * MAX_IN_FLIGHT,
          MAX_IN_FLIGHT, result, result.status(429)));
      assertThat(result.unexpected()).as("answers other than a decision or a 429 with a reason").isEmpty();
      assertThat(result.failures()).as("requests without an answer: " + result.failureSamples()).isZero();
      assertThat(result.serverErrors()).isZero();
      assertThat(result.maxMillis()).as("worst answer time at 3x capacity, ms").isLessThan(WEBHOOK_TIMEOUT.toMillis());
      assertThat(metrics).contains("sparkgate_admission_in_flight ");
      assertThat(admin.healthy()).isTrue();
      LoadDriver.Answer after = driver.send("/validate", Reviews.deployment("after", 1)).get();
      assertThat(LoadDriver.isReviewAnswer(after, true)).as(after.toString()).isTrue();
    }
  }

  static boolean decisionOrOverloaded(LoadDriver.Answer answer) {
    if (answer.status() == 429) {
      return answer.body().contains("\"code\":429") && answer.body().contains("overloaded");
    }
    return answer.status() == 200 && answer.body().contains("\"kind\":\"AdmissionReview\"");
  }
}
