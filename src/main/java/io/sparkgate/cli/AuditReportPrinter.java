package io.sparkgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The audit commands that read the log into one report and print it: bad input is
 * {@code audit COMMAND: reason} and exit 2, lines that are not audit records a warning after the report.
 */
final class AuditReportPrinter {
  /** Reads the sources into a report; bad input is an {@link IOException} or {@link IllegalArgumentException}. */
  @FunctionalInterface
  interface Reading<R> {
    R read() throws IOException;
  }

  private AuditReportPrinter() {}

  static <R> int print(CommandSpec spec, Reading<R> reading, Function<R, String> render, ToLongFunction<R> skippedLines) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    R report;
    try {
      report = reading.read();
    } catch (IOException | IllegalArgumentException | ArithmeticException e) {
      err.println("audit " + spec.name() + ": " + e.getMessage());
      err.flush();
      return AuditCommand.USAGE;
    }
    out.print(render.apply(report));
    out.flush();
    warnSkipped(err, skippedLines.applyAsLong(report));
    return AuditCommand.OK;
  }

  static void warnSkipped(PrintWriter err, long skipped) {
    if (skipped > 0) {
      err.println("warning: " + skipped + " line(s) are not readable audit records and were skipped; "
          + "run 'audit verify'");
      err.flush();
    }
  }
}
