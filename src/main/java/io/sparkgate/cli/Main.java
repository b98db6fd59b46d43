package io.sparkgate.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar sparkgate.jar <command>}: the server and the policy author's tools. */
@Command(
    name = "sparkgate",
    mixinStandardHelpOptions = true,
    version = "sparkgate 0.1.0",
    description = "Admission webhook governance for Apache Spark on Kubernetes.")
public final class Main implements Runnable {
  /** Every command, in the order the usage lists them. */
  private static final List<Class<?>> COMMANDS = List.of(ServeCommand.class, EvalCommand.class, LintCommand.class,
      TestCommand.class, CertsCommand.class, AuditCommand.class, ImagesCommand.class, ScanCommand.class);
  private static final String KEY_PBE_ITERATIONS = "keystore.pkcs12.keyPbeIterationCount";
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Vert.x keeps the serving key in an in-memory PKCS#12 key store that is never written out; the
    // JDK's 10,000 PBKDF2 rounds protecting keys in it cost a third of a second at every start and
    // certificate rotation, and protect nothing here.
    if (System.getProperty(KEY_PBE_ITERATIONS) == null) {
      System.setProperty(KEY_PBE_ITERATIONS, "1");
    }
    System.exit(forArguments(args).execute(args));
  }

  /** The whole command line: every command and its options. */
  public static CommandLine commandLine() {
    return withCommands(COMMANDS);
  }

  /**
   * The command line that {@code args} need: when they name a command, that command only, since
   * building the model of every command's options is a good part of a short command's start-up.
   */
  static CommandLine forArguments(String... args) {
    List<Class<?>> named = args.length == 0 ? List.of()
        : COMMANDS.stream().filter(command -> nameOf(command).equals(args[0])).toList();
    return withCommands(named.isEmpty() ? COMMANDS : named);
  }

  /** A command line with Sparkgate's exit codes: 2 and the usage for bad arguments or a failure. */
  public static CommandLine commandLine(Object command) {
    return configured(new CommandLine(command));
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  private static CommandLine withCommands(List<Class<?>> commands) {
    CommandLine commandLine = new CommandLine(new Main());
    for (Class<?> command : commands) {
      commandLine.addSubcommand(nameOf(command), command);
    }
    return configured(commandLine);
  }

  /** Sets the exit codes after the subcommands are in: picocli applies them to those it has. */
  private static CommandLine configured(CommandLine commandLine) {
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
