package io.sparkgate.cli;

import io.sparkgate.audit.AuditConfig;
import io.sparkgate.audit.AuditFiles;
import io.sparkgate.audit.AuditQuery;
import io.sparkgate.audit.AuditSummary;
import io.sparkgate.audit.AuditVerifier;
import io.sparkgate.audit.ChainReport;
import io.sparkgate.audit.SegmentedChainVerifier;
import io.sparkgate.audit.archive.ArchiveSnapshot;
import io.sparkgate.audit.QueryTable;
import io.sparkgate.audit.SigningKeys;
import io.sparkgate.audit.TrustedKeys;
import io.sparkgate.audit.VerificationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparkgate audit verify|query|summary}: review the audit log. Exit codes: 0 success,
 * 1 verification failed, 2 bad usage or unreadable input.
 */
@Command(
    name = "audit",
    description = "Verify and review the audit log.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Query.class, AuditCommand.Summary.class,
        AuditCommand.Serve.class, ChargebackCommand.class})
public final class AuditCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int TAMPERED = 1;
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  @Command(
      name = "verify",
      description = {
          "Check the hash chain and checkpoint signatures of audit log files.",
          "Files may be given in any order (e.g. audit/audit.log*); they are put in chain order."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin HelpOption help;

    @Option(names = "--key", paramLabel = "PUBKEY",
        description = "Trusted Ed25519 public key (PEM); repeatable. Default: certs/audit-signing.pub if present.")
    List<Path> keys = new ArrayList<>();

    @Mixin ArchiveOptions archive;

    @Option(names = "--since", paramLabel = "RFC3339", converter = TimeConverter.class,
        description = "With s3:// sources: only segments with lines at or after this time.")
    Instant since;

    @Option(names = "--until", paramLabel = "RFC3339", converter = TimeConverter.class,
        description = "With s3:// sources: only segments with lines before this time.")
    Instant until;

    @Parameters(arity = "1..*", paramLabel = "SOURCE",
        description = "Log files (active and rotated) or s3://BUCKET/PREFIX archives.")
    List<String> sources;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (AuditSources resolved = AuditSources.resolve(sources, archive.endpoint, since, until)) {
        return verify(resolved, out, err);
      } catch (IOException | IllegalArgumentException e) {
        err.println("audit verify: " + e.getMessage());
        return USAGE;
      }
    }

    private Integer verify(AuditSources resolved, PrintWriter out, PrintWriter err) {
      if (resolved.archives().isEmpty()) {
        return verifyFiles(resolved.files(), out, err);
      }
      List<Path> keyFiles = new ArrayList<>(keys);
      Path defaultKey = AuditConfig.DEFAULT_KEY_DIRECTORY.resolve(SigningKeys.PUBLIC_KEY_FILE);
      if (keyFiles.isEmpty() && Files.isRegularFile(defaultKey)) {
        keyFiles.add(defaultKey);
        out.println("note: signatures checked against " + defaultKey);
      }
      TrustedKeys trusted;
      try {
        trusted = TrustedKeys.fromPemFiles(keyFiles);
      } catch (IOException e) {
        err.println("audit verify: " + e.getMessage());
        return USAGE;
      }
      if (keyFiles.isEmpty()) {
        out.println("note: no --key given: checkpoint signatures are not checked");
      }
      boolean ok = true;
      if (!resolved.files().isEmpty()) {
        ok = verifyFiles(resolved.files(), out, err) == OK;
      }
      SegmentedChainVerifier verifier = new SegmentedChainVerifier(trusted);
      for (ArchiveSnapshot snapshot : resolved.archives()) {
        if (snapshot.segmentsByInstance().isEmpty()) {
          out.println(snapshot.location() + ": no segments" + (since != null || until != null ? " in the time range" : ""));
        }
        for (Map.Entry<String, List<Path>> instance : snapshot.segmentsByInstance().entrySet()) {
          ChainReport report = verifier.verify(instance.getKey(), instance.getValue());
          ok &= report.ok();
          out.println((report.ok() ? "OK" : "FAILED") + ": instance " + report.instance() + ": " + report.records()
              + " records, " + report.checkpoints() + " checkpoints in " + report.segments() + " segments");
          report.findings().forEach(f -> out.println("  finding: " + snapshot.describe(f)));
          report.notes().forEach(n -> out.println("  note: " + snapshot.describe(n)));
        }
      }
      out.flush();
      return ok ? OK : TAMPERED;
    }

    private Integer verifyFiles(List<Path> files, PrintWriter out, PrintWriter err) {
      List<Path> keyFiles = new ArrayList<>(keys);
      Path defaultKey = AuditConfig.DEFAULT_KEY_DIRECTORY.resolve(SigningKeys.PUBLIC_KEY_FILE);
      boolean usedDefaultKey = keyFiles.isEmpty() && Files.isRegularFile(defaultKey);
      if (usedDefaultKey) {
        keyFiles.add(defaultKey);
      }
      TrustedKeys trusted;
      List<Path> ordered;
      try {
        trusted = TrustedKeys.fromPemFiles(keyFiles);
        ordered = AuditFiles.inChainOrder(files);
      } catch (IOException e) {
        err.println("audit verify: " + e.getMessage());
        return USAGE;
      }
      VerificationResult result;
      try {
        result = new AuditVerifier(trusted).verify(ordered);
      } catch (IOException e) {
        err.println("audit verify: cannot read the log: " + e.getMessage());
        return USAGE;
      }
      if (!result.ok()) {
        out.println("FAILED: " + result.failure());
        out.println("(" + result.records() + " records and " + result.checkpoints()
            + " checkpoints before it verified)");
        out.flush();
        return TAMPERED;
      }
      out.println("OK: " + result.records() + " records, " + result.checkpoints() + " checkpoints");
      if (usedDefaultKey) {
        out.println("note: signatures checked against " + defaultKey);
      }
      result.notes().forEach(n -> out.println("note: " + n));
      out.flush();
      return OK;
    }
  }

  /** Where s3:// sources are read from. */
  static final class ArchiveOptions {
    @Option(names = "--endpoint", paramLabel = "URL",
        description = "S3-compatible endpoint for s3:// sources (path-style); default: AWS S3. Credentials: the "
            + "AWS SDK's default chain (environment, profile files, web identity).")
    URI endpoint;
  }

  /** Filters shared by query and summary. */
  static final class FilterOptions {
    @Option(names = "--namespace", description = "Only this namespace.")
    String namespace;

    @Option(names = "--name", description = "Only objects with this name.")
    String name;

    @Option(names = "--kind", description = "Kind (SparkApplication) or apiVersion/Kind (v1/Pod).")
    String kind;

    @Option(names = "--user", description = "Only requests by this username.")
    String user;

    @Option(names = "--policy", description = "Only decisions this policy took part in.")
    String policy;

    @Option(names = "--decision", paramLabel = "allowed|denied", converter = DecisionConverter.class,
        description = "Only allowed or only denied requests.")
    AuditQuery.Decision decision;

    @Option(names = "--since", paramLabel = "RFC3339", converter = TimeConverter.class,
        description = "Decisions at or after this time, e.g. 2025-01-31T00:00:00Z.")
    Instant since;

    @Option(names = "--until", paramLabel = "RFC3339", converter = TimeConverter.class,
        description = "Decisions before this time.")
    Instant until;

    AuditQuery.Filter toFilter() {
      return new AuditQuery.Filter(namespace, name, kind, user, policy, decision, since, until);
    }
  }

  enum Output { TABLE, JSON }

  @Command(name = "query", description = "List decisions matching filters (the log is not verified).")
  static final class Query implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin HelpOption help;
    @Mixin FilterOptions filter;

    @Option(names = "--output", paramLabel = "table|json", converter = OutputConverter.class,
        description = "table (default) or json: the matching lines exactly as stored.")
    Output output = Output.TABLE;

    @Mixin ArchiveOptions archive;

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Log files, in any order, or s3://BUCKET/PREFIX.")
    List<String> sources;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<AuditQuery.Entry> table = new ArrayList<>();
      long skipped;
      try (AuditSources resolved = AuditSources.resolve(sources, archive.endpoint, filter.since, filter.until)) {
        skipped = AuditQuery.forEach(AuditFiles.inChainOrder(resolved.all()), filter.toFilter(), e -> {
          if (output == Output.JSON) {
            out.println(e.json());
          } else {
            table.add(e);
          }
        });
      } catch (IOException | IllegalArgumentException e) {
        err.println("audit query: " + e.getMessage());
        return USAGE;
      }
      if (output == Output.TABLE) {
        out.print(QueryTable.render(table));
      }
      out.flush();
      AuditReportPrinter.warnSkipped(err, skipped);
      return OK;
    }
  }

  @Command(name = "summary", description = "Count decisions by outcome, policy and namespace; top denial reasons.")
  static final class Summary implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin HelpOption help;
    @Mixin FilterOptions filter;

    @Option(names = "--top", description = "How many denial reasons to show (default ${DEFAULT-VALUE}).")
    int top = 10;

    @Mixin ArchiveOptions archive;

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Log files, in any order, or s3://BUCKET/PREFIX.")
    List<String> sources;

    @Override
    public Integer call() {
      return AuditReportPrinter.print(spec, () -> {
        try (AuditSources resolved = AuditSources.resolve(sources, archive.endpoint, filter.since, filter.until)) {
          return AuditSummary.of(AuditFiles.inChainOrder(resolved.all()), filter.toFilter());
        }
      }, summary -> summary.render(top), AuditSummary::skippedLines);
    }
  }

  @Command(name = "serve", description = {
      "Serve a review page over the audit log: totals, decisions over time, denials by namespace and policy,",
      "the latest denials, search by uid, namespace or application, and each instance's verification.",
      "Plain HTTP on 127.0.0.1 by default: the records name users, so reach it through a port-forward or a proxy",
      "with authentication."})
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin HelpOption help;
    @Mixin ArchiveOptions archive;

    @Option(names = "--key", paramLabel = "PUBKEY", description = "Trusted Ed25519 public key (PEM); repeatable.")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Log files or s3://BUCKET/PREFIX archives.")
    List<String> sources;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (AuditSources resolved = AuditSources.resolve(sources, archive.endpoint, null, null);
           ReviewServer server = ReviewServer.start(ReviewModels.load(resolved, keys), host, port)) {
        out.println("review page: http://" + host + ":" + server.port() + "/");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "sparkgate-review-shutdown"));
        stopped.await();
        return OK;
      } catch (IOException | IllegalArgumentException e) {
        err.println("audit serve: " + e.getMessage());
        return USAGE;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        err.println("audit serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
        return USAGE;
      }
    }
  }

  static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an RFC 3339 time such as 2025-01-31T12:00:00Z");
      }
    }
  }

  static final class DecisionConverter implements CommandLine.ITypeConverter<AuditQuery.Decision> {
    @Override
    public AuditQuery.Decision convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "allowed", "allow" -> AuditQuery.Decision.ALLOWED;
        case "denied", "deny" -> AuditQuery.Decision.DENIED;
        default -> throw new CommandLine.TypeConversionException("expected allowed or denied, not '" + value + "'");
      };
    }
  }

  static final class OutputConverter implements CommandLine.ITypeConverter<Output> {
    @Override
    public Output convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "table" -> Output.TABLE;
        case "json" -> Output.JSON;
        default -> throw new CommandLine.TypeConversionException("expected table or json, not '" + value + "'");
      };
    }
  }
}
