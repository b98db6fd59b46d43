package io.sparkgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar sparkgate.jar <command>}: the server and the policy author's tools. */
@Command(
    name = "sparkgate",
    mixinStandardHelpOptions = true,
    version = "sparkgate 0.1.0",
    description = "Admission webhook governance for Apache Spark on Kubernetes.",
    subcommands = {ServeCommand.class, EvalCommand.class, LintCommand.class, TestCommand.class, CertsCommand.class, AuditCommand.class, ImagesCommand.class, ScanCommand.class})
public final class Main implements Runnable {
  private static final String KEY_PBE_ITERATIONS = "keystore.pkcs12.keyPbeIterationCount";
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Vert.x keeps the serving key in an in-memory PKCS#12 key store that is never written out; the
    // JDK's 10,000 PBKDF2 rounds protecting keys in it cost a third of a second at every start and
    // certificate rotation, and protect nothing here.
    if (System.getProperty(KEY_PBE_ITERATIONS) == null) {
      System.setProperty(KEY_PBE_ITERATIONS, "1");
    }
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return commandLine(new Main());
  }

  /** A command line with Sparkgate's exit codes: 2 and the usage for bad arguments or a failure. */
  public static CommandLine commandLine(Object command) {
    CommandLine commandLine = new CommandLine(command);
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
