package io.sparkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** scan: formats, exit codes, namespace filter, standard input and bad input. */
class ScanCommandTest {
  static final String CLUSTER = "test-fixtures/scan/cluster.yaml";

  record Run(int exit, String out, String err) {}

  static Run scan(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    ScanCommand command = commandLine.getSubcommands().get("scan").getCommand();
    command.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    List<String> all = new ArrayList<>(List.of("scan", "--policies", "policies"));
    all.addAll(List.of(args));
    int exit = commandLine.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void tableCountsPerNamespaceAndPolicyThenListsEachViolation() {
    Run run = scan("", "--stats", CLUSTER);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern("team-beta +sparkgate.io.tenant-required-for-apps +1 ")
        .contains("FAIL   team-alpha/SparkApplication/alpha-backfill-2025 sparkgate.io.spark-app-resources: "
            + "spec.executor.instances is 40, over the tenant maximum of 20 executors")
        .contains("16 objects scanned, 5 would be denied");
    assertThat(run.err()).containsPattern("scanned 16 objects in [0-9.]+ s \\([0-9]+ objects/s\\)");
  }

  @Test
  void compliantObjectsExitZero() {
    Run run = scan("", "--namespace", "team-alpha", "test-fixtures/spark/app-scala.yaml",
        "test-fixtures/spark/tenant-alpha.yaml");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("3 objects scanned, 0 would be denied");
  }

  @Test
  void jsonIsTheDocumentedScanReport() throws Exception {
    Run run = scan("", "--output", "json", "--namespace", "team-beta", CLUSTER);
    assertThat(run.exit()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.path("kind").asText()).isEqualTo("ScanReport");
    assertThat(report.path("summary").path("objects").asInt()).isEqualTo(3);
    assertThat(report.path("summary").path("fail").asInt()).isEqualTo(2);
    assertThat(report.path("namespaces")).hasSize(1);
    assertThat(report.path("namespaces").get(0).path("namespace").asText()).isEqualTo("team-beta");
    JsonNode first = report.path("results").get(0);
    assertThat(first.path("name").asText()).isEqualTo("beta-daily-revenue");
    assertThat(first.path("status").asText()).isEqualTo("fail");
    assertThat(first.path("uid").asText()).isNotEmpty();
    assertThat(first.path("source").asText()).startsWith(CLUSTER + ":");
  }

  @Test
  void policyReportsOnePerNamespace() throws Exception {
    Run run = scan("", "--output", "policyreport", CLUSTER);
    List<ObjectNode> reports = readAll(run.out());
    assertThat(reports).extracting(r -> r.path("metadata").path("namespace").asText())
        .containsExactly("team-alpha", "team-beta");
    ObjectNode beta = reports.get(1);
    assertThat(beta.path("apiVersion").asText()).isEqualTo("wgpolicyk8s.io/v1alpha2");
    assertThat(beta.path("kind").asText()).isEqualTo("PolicyReport");
    assertThat(beta.path("summary").path("fail").asInt()).isEqualTo(2);
    assertThat(beta.path("results").get(0).path("source").asText()).isEqualTo("sparkgate");
  }

  @Test
  void standardInputReadsAListLikeAFile() throws Exception {
    Run run = scan(Files.readString(Path.of(CLUSTER)), "--output", "json", "-");
    assertThat(run.exit()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.path("summary").path("denied").asInt()).isEqualTo(5);
    assertThat(report.path("results").get(0).path("source").asText()).startsWith("<stdin>:");
  }

  @Test
  void badInputIsExitTwoWithItsPlace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n- not an object\n");
    Run run = scan("", file.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(file + ":5:1: a document must be an object");
    assertThat(scan("", dir.resolve("missing.yaml").toString()).exit()).isEqualTo(2);
    assertThat(scan("", "--output", "xml", CLUSTER).exit()).isEqualTo(2);
  }

  @Test
  void baselineListsWhatTheChangeWouldNewlyDeny(@TempDir Path dir) throws Exception {
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    Files.writeString(old.resolve("empty.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: none}\n");
    Run run = scan("", "--baseline", old.toString(), "--namespace", "team-beta", CLUSTER);
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("newly denied: team-beta/SparkApplication/beta-daily-revenue (team beta): "
        + "sparkgate.io.tenant-required-for-apps: namespace \"team-beta\" has no SparkTenant")
        .contains("Policy change over 3 objects: 2 newly denied (team beta: 2), 0 newly allowed");
  }

  @Test
  void aDenialWaivedByAnExceptionIsReportedAsWaived(@TempDir Path dir) throws Exception {
    Path exception = dir.resolve("exception.yaml");
    Files.writeString(exception, """
        apiVersion: sparkgate.io/v1
        kind: SparkPolicyException
        metadata: {name: backfill, namespace: team-alpha}
        spec:
          policies: [sparkgate.io.spark-app-resources]
          applications: ["alpha-backfill-*"]
          expires: "2999-01-01T00:00:00Z"
          reason: "backfill, ticket DATA-1"
        """);
    Run run = scan("", "--output", "json", "--namespace", "team-alpha", CLUSTER, exception.toString());
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.path("summary").path("waived").asInt()).as(run.out()).isEqualTo(1);
    JsonNode waived = report.path("results").get(0);
    assertThat(waived.path("name").asText()).isEqualTo("alpha-backfill-2025");
    assertThat(waived.path("status").asText()).isEqualTo("waived");

    List<ObjectNode> reports = readAll(scan("", "--output", "policyreport", "--namespace", "team-alpha", CLUSTER,
        exception.toString()).out());
    JsonNode result = reports.get(0).path("results").findParents("properties").get(0);
    assertThat(result.path("result").asText()).isEqualTo("skip");
    assertThat(result.path("properties").path("waived").asText()).isEqualTo("true");
  }

  static List<ObjectNode> readAll(String yaml) throws Exception {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    List<ObjectNode> documents = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
      mapper.readValues(parser, ObjectNode.class).forEachRemaining(documents::add);
    }
    return documents;
  }
}
