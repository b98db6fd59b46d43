package io.sparkgate.cli;

import io.sparkgate.suite.CaseResult;
import io.sparkgate.suite.SuiteRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code test}: run policy test suites; one line per case, then "N passed, N failed". */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Runs policy test suites. Prints one line per case and, last, 'N passed, N failed'.")
public final class TestCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Suite files or directories (default: test-fixtures).")
  List<Path> paths;

  @CommandLine.Mixin ImageScanKeysOption imageScanKeys;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> roots = paths == null || paths.isEmpty() ? List.of(Path.of("test-fixtures")) : paths;
    List<Path> suites;
    try {
      suites = SuiteRunner.suiteFiles(roots);
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 2;
    }
    SuiteRunner runner = new SuiteRunner().withImageScanKeys(imageScanKeys.paths).withCompileCache(Engines.compileCache());
    int passed = 0;
    int failed = 0;
    for (Path suite : suites) {
      for (CaseResult result : runner.run(suite)) {
        out.println(result.line());
        if (result.passed()) {
          passed++;
        } else {
          failed++;
        }
      }
    }
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    return failed == 0 && passed > 0 ? 0 : 1;
  }
}
