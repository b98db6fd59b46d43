package io.sparkgate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparkgate.audit.AuditQuery;
import io.sparkgate.cel.JsonValues;
import io.sparkgate.cli.Main;
import io.sparkgate.spark.SparkCost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real server with the pack and two tenants in two cost centers decides admitted, denied,
 * updated, dry-run and scheduled Spark applications; {@code audit chargeback} over the log it
 * wrote gives per cost center the sum of the admitted CREATEs' estimates, computed here
 * independently with {@code SparkCost} on each object and the tenant's rates and maxDuration.
 */
class ChargebackProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, Object> RED_RATES =
      Map.of("currency", "USD", "cpuCoreHour", "0.05", "memoryGiBHour", "0.01");
  private static final long RED_SECONDS = 12 * 3600;
  private static final Map<String, Object> BLUE_RATES =
      Map.of("currency", "USD", "cpuCoreHour", "0.08", "memoryGiBHour", "0.02");
  private static final long BLUE_SECONDS = 2 * 3600;

  @TempDir Path dir;

  @Test
  void chargebackOverTheServersLogSumsTheAdmittedCreatesPerCostCenter() throws Exception {
    Instant testStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    JsonNode redA = app("red-a", "team-red", "spec: {driver: {cores: 1, coreLimit: '1', memory: 2g},"
        + " executor: {instances: 4, cores: 2, coreLimit: '2', memory: 4g}}");
    JsonNode redBig = app("red-big", "team-red", "spec: {driver: {cores: 1, memory: 2g},"
        + " executor: {instances: 20, cores: 4, coreLimit: '4', memory: 16g}}");
    JsonNode redNightly = YAML.readTree("""
        apiVersion: sparkoperator.k8s.io/v1beta2
        kind: ScheduledSparkApplication
        metadata: {name: red-nightly, namespace: team-red}
        spec:
          schedule: "0 3 * * *"
          concurrencyPolicy: Forbid
          template:
            type: Scala
            mode: cluster
            image: registry.example.com/spark/spark:3.5.3
            mainClass: com.example.Job
            mainApplicationFile: local:///opt/spark/jars/job.jar
            sparkVersion: 3.5.3
            driver: {cores: 1, coreLimit: "1", memory: 1g, serviceAccount: spark}
            executor: {instances: 2, cores: 1, coreLimit: "1", memory: 2g, memoryOverhead: 1g}
        """);
    ObjectNode nightlyRun = (ObjectNode) app("red-nightly-1767600000000000000", "team-red",
        "spec: {driver: {cores: 1, coreLimit: '1', memory: 1g}, executor: {instances: 2, cores: 1, coreLimit: '1',"
            + " memory: 2g, memoryOverhead: 1g}}");
    ((ObjectNode) nightlyRun.get("metadata")).set("ownerReferences", YAML.readTree(
        "[{apiVersion: sparkoperator.k8s.io/v1beta2, kind: ScheduledSparkApplication, name: red-nightly,"
            + " uid: 0f0e0d0c-0000-4000-8000-000000000001, controller: true}]"));
    JsonNode redAResized = app("red-a", "team-red", "spec: {driver: {cores: 1, coreLimit: '1', memory: 2g},"
        + " executor: {instances: 6, cores: 2, coreLimit: '2', memory: 4g}}");
    JsonNode redDry = app("red-dry", "team-red", "spec: {driver: {cores: 1, coreLimit: '1', memory: 1g},"
        + " executor: {instances: 1, cores: 1, coreLimit: '1', memory: 1g}}");
    JsonNode blueA = app("blue-a", "team-blue", "spec: {driver: {cores: 2, coreLimit: '2', memory: 4g},"
        + " executor: {instances: 8, cores: 4, coreLimit: '4', memory: 8g, memoryOverhead: 2g}}");
    JsonNode blueB = app("blue-b", "team-blue", "spec: {type: Python, driver: {cores: 1, coreLimit: '1', memory: 2g},"
        + " executor: {instances: 3, cores: 2, coreLimit: 1500m, memory: 6g}}");
    JsonNode blueUnbounded = app("blue-open", "team-blue", "spec: {driver: {cores: 1, coreLimit: '1', memory: 1g},"
        + " executor: {cores: 1, coreLimit: '1', memory: 1g}, dynamicAllocation: {enabled: true}}");
    ObjectNode blueDenied = (ObjectNode) app("blue-elsewhere", "team-blue", "spec: {driver: {cores: 1, coreLimit: '1', memory: 1g},"
        + " executor: {instances: 1, cores: 1, coreLimit: '1', memory: 1g}}");
    ((ObjectNode) blueDenied.get("spec")).put("image", "docker.io/someone/spark:3.5.3");

    Path policies = Files.createDirectories(dir.resolve("policies"));
    try (Stream<Path> pack = Files.list(Path.of("policies"))) {
      for (Path file : pack.toList()) {
        Files.copy(file, policies.resolve(file.getFileName()));
      }
    }
    Files.copy(Path.of("test-fixtures/chargeback/tenants.yaml"), policies.resolve("tenants.yaml"));

    Path serverDir = Files.createDirectories(dir.resolve("server"));
    try (ServerProcess server = ServerProcess.start(serverDir, policies)) {
      warmUp(server);
      assertThat(allowed(decide(server, "red-a", "CREATE", redA, null, false))).isEqualTo("allowed");
      assertThat(allowed(decide(server, "red-big", "CREATE", redBig, null, false))).startsWith("denied");
      assertThat(allowed(decide(server, "red-nightly", "CREATE", redNightly, null, false))).isEqualTo("allowed");
      assertThat(allowed(decide(server, "red-nightly-run", "CREATE", nightlyRun, null, false))).isEqualTo("allowed");
      assertThat(allowed(decide(server, "red-a-update", "UPDATE", redAResized, redA, false))).isEqualTo("allowed");
      assertThat(allowed(decide(server, "red-dry", "CREATE", redDry, null, true))).isEqualTo("allowed");
      assertThat(allowed(decide(server, "blue-a", "CREATE", blueA, null, false))).isEqualTo("allowed");
      assertThat(allowed(decide(server, "blue-b", "CREATE", blueB, null, false))).isEqualTo("allowed");
      assertThat(allowed(decide(server, "blue-open", "CREATE", blueUnbounded, null, false))).isEqualTo("allowed");
      assertThat(allowed(decide(server, "blue-elsewhere", "CREATE", blueDenied, null, false))).startsWith("denied");

      long redAMicros = micros(redA, RED_RATES, RED_SECONDS);
      long nightlyMicros = micros(redNightly, RED_RATES, RED_SECONDS);
      long runMicros = micros(nightlyRun, RED_RATES, RED_SECONDS);
      long blueMicros = micros(blueA, BLUE_RATES, BLUE_SECONDS) + micros(blueB, BLUE_RATES, BLUE_SECONDS);

      // what Prometheus sums: every admitted run as it is admitted (the schedule's run, not the schedule)
      String metrics = scrape(server.adminPort);
      assertThat(sample(metrics, "sparkgate_estimated_cost_total{cost_center=\"cc-100\",currency=\"USD\"}"))
          .isCloseTo((redAMicros + runMicros) / 1e6, offset(1e-6));
      assertThat(sample(metrics, "sparkgate_estimated_cost_total{cost_center=\"cc-200\",currency=\"USD\"}"))
          .isCloseTo(blueMicros / 1e6, offset(1e-6));
      assertThat(sample(metrics, "sparkgate_unbounded_cost_runs_total{cost_center=\"cc-200\"}")).isEqualTo(1.0);
      assertThat(sample(metrics, "sparkgate_cost_center_monthly_budget{cost_center=\"cc-200\",currency=\"default\"}"))
          .isEqualTo(150.5);

      Instant created = creationOf(server.auditLog, "red-nightly");
      Instant to = created.truncatedTo(ChronoUnit.DAYS).plus(4, ChronoUnit.DAYS);
      long nightlyRuns = runsAtThreeUtc(created, to);
      assertThat(nightlyRuns).isBetween(3L, 4L);

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
      int exit = cli.execute("audit", "chargeback", "--from", testStart.toString(), "--to", to.toString(),
          "--format", "json", server.auditLog.toString());
      assertThat(exit).as(err.toString()).isZero();
      Map<String, JsonNode> rows = new HashMap<>();
      for (JsonNode row : JSON.readTree(out.toString()).get("rows")) {
        rows.put(row.get("costCenter").asText(), row);
      }
      assertThat(rows).containsOnlyKeys("cc-100", "cc-200");
      assertThat(rows.get("cc-100").get("micros").asLong()).isEqualTo(redAMicros + nightlyRuns * nightlyMicros);
      assertThat(rows.get("cc-100").get("runs").asLong()).isEqualTo(1 + nightlyRuns);
      assertThat(rows.get("cc-200").get("micros").asLong()).isEqualTo(blueMicros);
      assertThat(rows.get("cc-200").get("runs").asLong()).isEqualTo(2);
      assertThat(rows.get("cc-200").get("unbounded").asLong()).isEqualTo(1);
      JsonNode unbounded = JSON.readTree(out.toString()).get("unbounded");
      assertThat(unbounded).hasSize(1);
      assertThat(unbounded.get(0).get("name").asText()).isEqualTo("blue-open");
      assertThat(unbounded.get(0).get("reason").asText()).contains("dynamic allocation without a maximum");

      // the chain the cost fields are part of still verifies
      StringWriter verified = new StringWriter();
      assertThat(Main.commandLine().setOut(new PrintWriter(verified)).setErr(new PrintWriter(new StringWriter()))
          .execute("audit", "verify", "--key", serverDir.resolve("certs/audit-signing.pub").toString(),
              server.auditLog.toString())).as(verified.toString()).isZero();
    }
  }

  /** One request at a time until one is answered: the first TLS connection of a busy machine may time out. */
  private static void warmUp(ServerProcess server) throws Exception {
    for (int i = 0; i < 20; i++) {
      try {
        if (server.review(ServerLifecycleTest.review("warm-up-" + i, 1)).get(60, TimeUnit.SECONDS).statusCode() == 200) {
          return;
        }
      } catch (ExecutionException retry) {
        Thread.sleep(500);
      }
    }
  }

  private static JsonNode app(String name, String namespace, String specYaml) throws Exception {
    ObjectNode app = (ObjectNode) YAML.readTree("""
        apiVersion: sparkoperator.k8s.io/v1beta2
        kind: SparkApplication
        metadata: {name: %s, namespace: %s}
        spec:
          type: Scala
          mode: cluster
          image: registry.example.com/spark/spark:3.5.3
          mainClass: com.example.Job
          mainApplicationFile: local:///opt/spark/jars/job.jar
          sparkVersion: 3.5.3
        """.formatted(name, namespace));
    JsonNode spec = YAML.readTree(specYaml).get("spec");
    ObjectNode merged = (ObjectNode) app.get("spec");
    spec.properties().forEach(field -> merged.set(field.getKey(), field.getValue()));
    ObjectNode driver = (ObjectNode) merged.get("driver");
    if (driver != null && !driver.has("serviceAccount")) {
      driver.put("serviceAccount", "spark");
    }
    return app;
  }

  private static String allowed(JsonNode response) {
    return response.get("allowed").asBoolean() ? "allowed" : "denied: " + response.path("status").path("message").asText();
  }

  /** Sends one AdmissionReview to /validate; the response. */
  private static JsonNode decide(ServerProcess server, String uid, String operation, JsonNode object, JsonNode old,
      boolean dryRun) throws Exception {
    String kind = object.get("kind").asText();
    ObjectNode request = JSON.createObjectNode();
    request.put("uid", uid);
    request.set("kind", JSON.createObjectNode().put("group", "sparkoperator.k8s.io").put("version", "v1beta2")
        .put("kind", kind));
    request.set("resource", JSON.createObjectNode().put("group", "sparkoperator.k8s.io").put("version", "v1beta2")
        .put("resource", kind.toLowerCase() + "s"));
    request.put("operation", operation);
    request.put("namespace", object.get("metadata").get("namespace").asText());
    request.put("name", object.get("metadata").get("name").asText());
    request.set("userInfo", JSON.createObjectNode().put("username", "alice"));
    request.set("object", object);
    if (old != null) {
      request.set("oldObject", old);
    }
    request.put("dryRun", dryRun);
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    review.set("request", request);
    JsonNode response = null;
    // a busy machine can make a cold evaluation pass the wall-clock budget: the API server would
    // retry such a request too, with the same uid (chargeback counts a uid once)
    for (int attempt = 0; attempt < 5; attempt++) {
      HttpResponse<String> answer = server.review(review.toString()).get(60, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(200);
      response = JSON.readTree(answer.body()).get("response");
      if (!response.path("status").path("message").asText().contains("exceeded its deadline")) {
        return response;
      }
    }
    return response;
  }

  /** The estimate of one run, as spark.cost computes it for the policy. */
  private static long micros(JsonNode object, Map<String, Object> rates, long seconds) {
    Map<?, ?> estimate = SparkCost.estimate(JsonValues.of(object), rates, seconds);
    assertThat(estimate.get("bounded")).isEqualTo(true);
    return (Long) estimate.get("micros");
  }

  /** Runs of "0 3 * * *" (UTC) in [from, to), counted day by day. */
  private static long runsAtThreeUtc(Instant from, Instant to) {
    long runs = 0;
    for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate(); day.atStartOfDay(ZoneOffset.UTC).toInstant()
        .isBefore(to); day = day.plusDays(1)) {
      Instant run = day.atTime(3, 0).toInstant(ZoneOffset.UTC);
      if (!run.isBefore(from) && run.isBefore(to)) {
        runs++;
      }
    }
    return runs;
  }

  private static Instant creationOf(Path auditLog, String uid) throws Exception {
    List<Instant> times = new ArrayList<>();
    AuditQuery.forEach(List.of(auditLog), AuditQuery.Filter.any(), entry -> {
      if (entry.record().uid().equals(uid) && entry.record().allowed()) {
        times.add(entry.record().time());
      }
    });
    assertThat(times).hasSize(1);
    return times.get(0);
  }

  private static String scrape(int adminPort) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** The value of the sample with exactly these labels (Prometheus text format). */
  private static double sample(String metrics, String series) {
    String name = series.substring(0, series.indexOf('{'));
    String labels = series.substring(series.indexOf('{'));
    return metrics.lines()
        .filter(line -> line.startsWith(name + "{"))
        .filter(line -> line.substring(name.length(), line.lastIndexOf('}') + 1).replace(",}", "}").equals(labels))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(series + " not in " + metrics.lines()
            .filter(line -> line.startsWith(name)).toList()));
  }
}
