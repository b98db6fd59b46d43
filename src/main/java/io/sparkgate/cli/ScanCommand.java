package io.sparkgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.report.Impact;
import io.sparkgate.report.ImpactTable;
import io.sparkgate.report.PolicyReports;
import io.sparkgate.report.ScanInputs;
import io.sparkgate.report.ScanJson;
import io.sparkgate.report.ScanResult;
import io.sparkgate.report.ScanSummary;
import io.sparkgate.report.ScanTable;
import io.sparkgate.report.ScannedObject;
import io.sparkgate.report.Scanner;
import io.sparkgate.report.Teams;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scan}: existing objects evaluated as CREATEs, reported per namespace and policy. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Evaluates existing objects as the API server would evaluate their CREATE and reports "
        + "per namespace and policy. Exit 0 when nothing would be denied, 1 when something would, 2 bad input.")
public final class ScanCommand implements Callable<Integer> {
  @Mixin PolicyDirectoryOption policies;

  @Option(names = "--output", defaultValue = "table",
      description = "table, json or policyreport (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--namespace", description = "Report only the objects of this namespace.")
  String namespace;

  @Option(names = "--baseline", paramLabel = "DIR",
      description = "The policy directory in force: report what the policies of --policies would change.")
  Path baseline;

  @Mixin ImageScanKeysOption imageScanKeys;

  @Option(names = "--stats", description = "Print the number of objects and the scan rate to stderr.")
  boolean stats;

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Files, directories (YAML or JSON, Lists too) or - for standard input.")
  List<String> paths;

  @Spec CommandSpec spec;

  /** What {@code -} reads; tests give their own. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!List.of("table", "json", "policyreport").contains(output)) {
      err.println("error: --output must be table, json or policyreport");
      return 2;
    }
    PolicySetLoader.Result loaded = imageScanKeys.applyTo(Engines.offlineLoader()).load(policies.directory);
    for (LoadIssue issue : loaded.issues()) {
      err.println(issue);
    }
    if (loaded.hasErrors()) {
      err.println("error: " + policies.directory + " has errors; nothing was scanned");
      return 2;
    }
    PolicySetLoader.Result old = null;
    if (baseline != null) {
      old = imageScanKeys.applyTo(Engines.offlineLoader()).load(baseline);
      if (old.hasErrors()) {
        old.errors().forEach(err::println);
        err.println("error: " + baseline + " has errors; nothing was scanned");
        return 2;
      }
    }
    ScanResult result;
    try {
      List<ScannedObject> objects = new ScanInputs(stdin).read(paths);
      result = new Scanner().scan(loaded.policySet(), objects, namespace);
      if (old != null) {
        Impact impact = Impact.between(new Scanner().scan(old.policySet(), objects, namespace), result,
            new Teams(loaded.policySet(), objects));
        ImpactTable.write(impact, out);
        out.flush();
        return impact.of(Impact.Kind.NEWLY_DENIED).isEmpty() ? 0 : 1;
      }
    } catch (ScanInputs.BadInputException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    try {
      write(result, out);
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    out.flush();
    if (stats) {
      err.println(ScanSummary.stats(result));
    }
    return result.anyFailure() ? 1 : 0;
  }

  private void write(ScanResult result, PrintWriter out) throws IOException {
    switch (output) {
      case "table" -> ScanTable.write(result, out);
      case "json" -> out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(ScanJson.tree(result)));
      default -> {
        ObjectWriter yaml = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.SPLIT_LINES).build()).writer();
        for (ObjectNode report : PolicyReports.of(result, Instant.now())) {
          out.print(yaml.writeValueAsString(report));
        }
      }
    }
  }
}
