package io.sparkgate.cli;

import io.sparkgate.audit.AuditFiles;
import io.sparkgate.audit.chargeback.Chargeback;
import io.sparkgate.audit.chargeback.ChargebackFormat;
import io.sparkgate.audit.chargeback.ChargebackReport;
import io.sparkgate.audit.chargeback.GroupBy;
import io.sparkgate.audit.chargeback.Period;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
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
    return AuditReportPrinter.print(spec, () -> {
      Period period = new Period(from, to != null ? to : Instant.now());
      try (AuditSources resolved = AuditSources.resolve(sources, archive.endpoint, null, period.to())) {
        return Chargeback.of(AuditFiles.inChainOrder(resolved.all()), period, by);
      }
    }, format::render, ChargebackReport::skippedLines);
  }

  static final class StartConverter extends ParsingConverter<Instant> { StartConverter() { super(Period::start); } }
  static final class EndConverter extends ParsingConverter<Instant> { EndConverter() { super(Period::end); } }
  static final class GroupByConverter extends ParsingConverter<GroupBy> { GroupByConverter() { super(GroupBy::fromWireName); } }
  static final class FormatConverter extends ParsingConverter<ChargebackFormat> { FormatConverter() { super(ChargebackFormat::fromName); } }
}
