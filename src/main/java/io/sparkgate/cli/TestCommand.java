package io.sparkgate.cli;

import io.sparkgate.suite.CaseResult;
import io.sparkgate.suite.SuiteRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    for (List<CaseResult> suiteResults : runAll(runner, suites)) {
      for (CaseResult result : suiteResults) {
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

  /**
   * The results of every suite, in the order given. Suites are independent, so they run on all
   * cores; a run of the fixtures is mostly compiling and evaluating on one thread otherwise.
   */
  private static List<List<CaseResult>> runAll(SuiteRunner runner, List<Path> suites) {
    int threads = Math.min(suites.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      return suites.stream().map(runner::run).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "sparkgate-test");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<CompletableFuture<List<CaseResult>>> running = suites.stream()
          .map(suite -> CompletableFuture.supplyAsync(() -> runner.run(suite), pool)).toList();
      List<List<CaseResult>> results = new ArrayList<>();
      for (CompletableFuture<List<CaseResult>> suite : running) {
        try {
          results.add(suite.join());
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
