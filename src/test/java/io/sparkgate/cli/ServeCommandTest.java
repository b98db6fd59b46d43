package io.sparkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** serve: options refused before anything starts. */
class ServeCommandTest {
  record Run(int exit, String err) {}

  static Run serve(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(commandLine.execute(all), err.toString());
  }

  @Test
  void theBackgroundScanNeedsClusterMode() {
    Run run = serve("--no-audit", "--cluster=off", "--background-scan=1h");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--background-scan needs cluster mode (--cluster=on)");
  }

  @Test
  void theBackgroundScanPeriodIsADuration() {
    Run run = serve("--no-audit", "--cluster=on", "--background-scan=hourly");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("'hourly' is not a duration such as 500ms, 30s, 5m, 12h or 90d");
  }

  @Test
  void aValueTheServerConfigurationRefusesIsAnErrorNotAStackTrace() {
    Run run = serve("--no-audit", "--cluster=off", "--max-in-flight=0");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: --max-in-flight must be at least 1, got 0" + System.lineSeparator());
  }

  @Test
  void aNegativeWarmUpRequestCountIsRefused() {
    Run run = serve("--no-audit", "--cluster=off", "--warmup-requests=-1");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: --warmup-requests must be 0 or more, got -1" + System.lineSeparator());
  }

  @Test
  void theWarmUpIsADurationAndZeroNeedsNoUnit() {
    assertThat(new DurationConverter().convert("0")).isZero();
    Run run = serve("--no-audit", "--cluster=off", "--warmup=soon");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("'soon' is not a duration such as 500ms, 30s, 5m, 12h or 90d");
  }
}
