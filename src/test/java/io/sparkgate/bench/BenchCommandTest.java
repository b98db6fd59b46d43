package io.sparkgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench's own command line, run from its jar; the serving jar's commands no longer include it. */
class BenchCommandTest {
  record Run(int exit, String out, String err) {}

  static Run bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(new BenchCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return new Run(commandLine.execute(args), out.toString(), err.toString());
  }

  @Test
  void theHelpListsTheScenariosAndTheSoak() {
    Run run = bench("--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("Usage: bench ").contains("--scenarios", "--soak", "--warmup", "--duration");
  }

  @Test
  void aBadDurationIsAnErrorWithTheUsage() {
    Run run = bench("--soak", "an hour");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("'an hour' is not a duration such as 500ms, 30s, 5m, 12h or 90d", "Usage: bench");
  }

  @Test
  void negativeRunLengthsAreRefusedBeforeAnyServerStarts() {
    Run run = bench("--first", "-1");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--first and --warmup must be 0 or more seconds");
    assertThat(bench("--duration", "0").exit()).isEqualTo(2);
  }

  @Test
  void theServingJarsCommandLineHasNoBench() {
    assertThat(Main.commandLine().getSubcommands()).doesNotContainKey("bench").containsKeys("serve", "eval", "scan");
  }
}
