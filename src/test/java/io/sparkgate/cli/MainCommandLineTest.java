package io.sparkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line main builds: only the command named, answering as the whole one does. */
class MainCommandLineTest {
  record Run(int exit, String out, String err) {}

  private static Run run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aNamedCommandIsTheOnlyOneBuilt() {
    assertThat(Main.forArguments("lint", "--policies", "policies").getSubcommands()).containsOnlyKeys("lint");
    assertThat(Main.forArguments("audit", "verify", "x.log").getSubcommands()).containsOnlyKeys("audit");
  }

  @Test
  void noCommandOrAnUnknownOneBuildsEveryCommand() {
    assertThat(Main.commandLine().getSubcommands()).containsKeys("serve", "eval", "lint", "test", "scan", "audit");
    assertThat(Main.forArguments("--help").getSubcommands().keySet()).isEqualTo(Main.commandLine().getSubcommands().keySet());
    assertThat(Main.forArguments("evaluate").getSubcommands().keySet()).isEqualTo(Main.commandLine().getSubcommands().keySet());
  }

  @Test
  void aCommandsHelpAndErrorsReadAsFromTheWholeCommandLine() {
    for (String[] args : new String[][] {{"eval", "--help"}, {"lint", "--portable=sometimes"}, {"test", "--no-such-option"},
        {"audit", "query", "--help"}, {"eval"}}) {
      Run alone = run(Main.forArguments(args), args);
      Run whole = run(Main.commandLine(), args);
      assertThat(alone).as(String.join(" ", args)).isEqualTo(whole);
    }
  }

  @Test
  void theTopLevelUsageListsEveryCommand() {
    Run usage = run(Main.forArguments());
    assertThat(usage.err()).contains("serve", "eval", "lint", "test", "certs", "audit", "images", "scan");
  }
}
