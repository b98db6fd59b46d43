package io.sparkgate.cli;

import io.sparkgate.audit.AuditConfig;
import io.sparkgate.audit.AuditFiles;
import io.sparkgate.audit.AuditQuery;
import io.sparkgate.audit.AuditSummary;
import io.sparkgate.audit.AuditVerifier;
import io.sparkgate.audit.QueryTable;
import io.sparkgate.audit.SigningKeys;
import io.sparkgate.audit.TrustedKeys;
import io.sparkgate.audit.VerificationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
    subcommands = {AuditCommand.Verify.class, AuditCommand.Query.class, AuditCommand.Summary.class})
public final class AuditCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int TAMPERED = 1;
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

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

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--key", paramLabel = "PUBKEY",
        description = "Trusted Ed25519 public key (PEM); repeatable. Default: certs/audit-signing.pub if present.")
    List<Path> keys = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Log files, active and rotated.")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
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

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
    @Mixin FilterOptions filter;

    @Option(names = "--output", paramLabel = "table|json", converter = OutputConverter.class,
        description = "table (default) or json: the matching lines exactly as stored.")
    Output output = Output.TABLE;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Log files, in any order.")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<AuditQuery.Entry> table = new ArrayList<>();
      long skipped;
      try {
        skipped = AuditQuery.forEach(AuditFiles.inChainOrder(files), filter.toFilter(), e -> {
          if (output == Output.JSON) {
            out.println(e.json());
          } else {
            table.add(e);
          }
        });
      } catch (IOException e) {
        err.println("audit query: " + e.getMessage());
        return USAGE;
      }
      if (output == Output.TABLE) {
        out.print(QueryTable.render(table));
      }
      out.flush();
      warnSkipped(err, skipped);
      return OK;
    }
  }

  @Command(name = "summary", description = "Count decisions by outcome, policy and namespace; top denial reasons.")
  static final class Summary implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
    @Mixin FilterOptions filter;

    @Option(names = "--top", description = "How many denial reasons to show (default ${DEFAULT-VALUE}).")
    int top = 10;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Log files, in any order.")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      AuditSummary summary;
      try {
        summary = AuditSummary.of(AuditFiles.inChainOrder(files), filter.toFilter());
      } catch (IOException e) {
        err.println("audit summary: " + e.getMessage());
        return USAGE;
      }
      out.print(summary.render(top));
      out.flush();
      warnSkipped(err, summary.skippedLines());
      return OK;
    }
  }

  private static void warnSkipped(PrintWriter err, long skipped) {
    if (skipped > 0) {
      err.println("warning: " + skipped + " line(s) are not readable audit records and were skipped; "
          + "run 'audit verify'");
      err.flush();
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
