package io.sparkgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar sparkgate.jar <command>}: the server and the policy author's tools. */
@Command(
    name = "sparkgate",
    mixinStandardHelpOptions = true,
    version = "sparkgate 0.1.0",
    description = "Admission webhook governance for Apache Spark on Kubernetes.",
    subcommands = {ServeCommand.class, EvalCommand.class, LintCommand.class, TestCommand.class, CertsCommand.class, AuditCommand.class, BenchCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExitCodeExceptionMapper(e -> 2);
    commandLine.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage());
      e.getCommandLine().usage(e.getCommandLine().getErr());
      return 2;
    });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
