package io.sparkgate.cli;

import io.sparkgate.audit.AuditFiles;
import io.sparkgate.audit.chargeback.Chargeback;
import io.sparkgate.audit.chargeback.ChargebackFormat;
import io.sparkgate.audit.chargeback.ChargebackReport;
import io.sparkgate.audit.chargeback.GroupBy;
import io.sparkgate.audit.chargeback.Period;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sparkgate audit chargeback}: the estimated cost of admitted Spark applications per team, cost center or namespace. */
@Command(
    name = "chargeback",
    description = {
        "Sum the estimated cost of admitted Spark application CREATEs per team, cost center or namespace.",
        "A ScheduledSparkApplication counts the runs its schedule makes in the period; an application whose cost",
        "has no bound is listed, never summed. The log is not verified: run 'audit verify' first."})
final class ChargebackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HelpOption help;
  @Mixin AuditCommand.ArchiveOptions archive;

  @Option(names = "--from", paramLabel = "DATE", converter = StartConverter.class,
      description = "Start of the period: a date (UTC midnight) or an RFC 3339 time; default: the start of the log.")
  Instant from;

  @Option(names = "--to", paramLabel = "DATE", converter = EndConverter.class,
      description = "End of the period, exclusive: a date includes that whole day (UTC); default: now.")
  Instant to;

  @Option(names = "--by", paramLabel = "team|costCenter|namespace", converter = GroupByConverter.class,
      description = "Group totals by the tenant's team, its cost center (default) or the namespace.")
  GroupBy by = GroupBy.COST_CENTER;

  @Option(names = "--format", paramLabel = "table|csv|json", converter = FormatConverter.class,
      description = "table (default), csv or json.")
  ChargebackFormat format = ChargebackFormat.TABLE;

  @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Log files, in any order, or s3://BUCKET/PREFIX.")
  List<String> sources;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ChargebackReport report;
    try {
      Period period = new Period(from, to != null ? to : Instant.now());
      try (AuditSources resolved = AuditSources.resolve(sources, archive.endpoint, null, period.to())) {
        report = Chargeback.of(AuditFiles.inChainOrder(resolved.all()), period, by);
      }
    } catch (IOException | IllegalArgumentException | ArithmeticException e) {
      err.println("audit chargeback: " + e.getMessage());
      err.flush();
      return AuditCommand.USAGE;
    }
    out.print(format.render(report));
    out.flush();
    if (report.skippedLines() > 0) {
      err.println("warning: " + report.skippedLines() + " line(s) are not readable audit records and were skipped; "
          + "run 'audit verify'");
      err.flush();
    }
    return AuditCommand.OK;
  }

  static final class StartConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Period.start(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class EndConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Period.end(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class GroupByConverter implements CommandLine.ITypeConverter<GroupBy> {
    @Override
    public GroupBy convert(String value) {
      try {
        return GroupBy.fromWireName(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class FormatConverter implements CommandLine.ITypeConverter<ChargebackFormat> {
    @Override
    public ChargebackFormat convert(String value) {
      try {
        return ChargebackFormat.fromName(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
