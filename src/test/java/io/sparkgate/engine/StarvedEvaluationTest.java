package io.sparkgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.admission.AdmissionReviewEncoder;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.enforce.PlatformApprovers;
import io.sparkgate.enforce.SparkEnforcement;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.SafetyNet;
import io.sparkgate.policy.PolicyFiles;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * A starved machine decides as an idle one: with threads burning every core and the server's
 * safety-net clock running thousands of times slow, every fixture gets the same answer (allowed,
 * status, message, warnings, patch) through the server's engine, and through the offline
 * commands' engine, as on an idle run (objects given inline in suites included).
 */
class StarvedEvaluationTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  /** The pack, the mutation fixtures, and two teams' tenants, namespaces and network policies. */
  private static final List<Path> POLICIES = List.of(Path.of("policies"), Path.of("test-fixtures/mutation/policies"),
      Path.of("test-fixtures/spark/tenant-alpha.yaml"), Path.of("test-fixtures/spark/tenant-delta-scheduling.yaml"));
  private static final List<String> NAMESPACES = List.of("team-alpha", "team-delta", "default");
  /**
   * Each read of the slowed clock adds 10 ms: the net reads it before each expression and every 64
   * CEL steps, so this is a machine some thousand times slower; the fixtures' largest request
   * reads it about 140 times.
   */
  private static final long SLOWDOWN_PER_READ_NANOS = 10_000_000;

  @Test
  void everyFixtureGetsTheSameAnswerWhenTheMachineIsStarved() throws Exception {
    PolicySet set = load();
    List<AdmissionRequest> requests = requests();
    assertThat(requests).hasSizeGreaterThan(50);
    AtomicInteger idleFired = new AtomicInteger();
    Map<String, String> idle = answers(requests, set, new SafetyNet(SafetyNet.DEFAULT_LIMIT_NANOS, System::nanoTime,
        idleFired::incrementAndGet));

    AtomicInteger starvedFired = new AtomicInteger();
    AtomicLong slowness = new AtomicLong();
    LongSupplier slowed = () -> System.nanoTime() + slowness.addAndGet(SLOWDOWN_PER_READ_NANOS);
    Map<String, String> starved;
    Map<String, String> offline;
    try (CpuBurners ignored = CpuBurners.onEveryCore()) {
      // eval, test and scan take the same engine without a safety net
      CompletableFuture<Map<String, String>> offlineRun =
          CompletableFuture.supplyAsync(() -> answers(requests, set, SafetyNet.OFF));
      starved = answers(requests, set, new SafetyNet(SafetyNet.DEFAULT_LIMIT_NANOS, slowed,
          starvedFired::incrementAndGet));
      offline = offlineRun.get();
    }

    assertThat(slowness.get()).as("the slowed clock was read").isPositive();
    assertThat(idleFired.get() + starvedFired.get()).as("requests the safety net stopped").isZero();
    assertThat(starved).containsExactlyEntriesOf(idle);
    assertThat(offline).containsExactlyEntriesOf(idle);
    assertThat(idle.values()).as("the fixtures include denials and patches")
        .anyMatch(answer -> answer.contains("\"allowed\":false"))
        .anyMatch(answer -> answer.contains("\"patch\""));
  }

  private static PolicySet load() throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Path path : POLICIES) {
      for (Path file : PolicyFiles.list(path)) {
        texts.put(file, Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard()).compile(texts, new ArrayList<>());
    assertThat(result.errors()).isEmpty();
    return result.policySet();
  }

  /** Every fixture object in every namespace the pack's tests use, as a CREATE with a fixed uid. */
  private static List<AdmissionRequest> requests() throws Exception {
    AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(OfflineAdmission.MAX_NESTING);
    List<AdmissionRequest> requests = new ArrayList<>();
    int uid = 0;
    for (JsonNode object : MutationIdempotenceTest.fixtureObjects()) {
      for (String namespace : NAMESPACES) {
        ObjectNode review = new ReviewBuilder().namespace(namespace).build(object);
        ((ObjectNode) review.path("request")).put("uid", "fixture-" + uid++);
        requests.add(decoder.decode(review));
      }
    }
    return requests;
  }

  /** The answers of the server's engine, under the given safety net, by request uid. */
  private static Map<String, String> answers(List<AdmissionRequest> requests, PolicySet set, SafetyNet net) {
    AdmissionEngine engine = new AdmissionEngine(net, CelEnvironment.unsupportedAuthorizer(),
        new SparkEnforcement(PlatformApprovers.NONE), Clock.fixed(NOW, ZoneOffset.UTC));
    AdmissionReviewEncoder encoder = new AdmissionReviewEncoder(new AdmissionReviewDecoder(1).mapper());
    Map<String, String> answers = new LinkedHashMap<>();
    for (AdmissionRequest request : requests) {
      answers.put(request.uid(), encoder.toTree(engine.review(request, set, Phase.ALL, Explainer.NONE).response())
          .toString());
    }
    return answers;
  }
}
