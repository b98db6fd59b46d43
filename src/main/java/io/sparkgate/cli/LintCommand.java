package io.sparkgate.cli;

import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicySetLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lint}: compile and check every policy file, print problems as FILE:LINE:COL. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Compiles and type-checks policies; prints FILE:LINE:COL: message per problem. Exit 1 on errors.")
public final class LintCommand implements Callable<Integer> {
  @Option(names = "--policies", defaultValue = "policies", description = "Policy directory (default: ${DEFAULT-VALUE}).")
  Path policies;

  @Option(names = "--portable", description = "Also flag what in-tree Kubernetes would not accept.")
  boolean portable;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PolicySetLoader.Result result = new PolicySetLoader(Engines.celEnvironment()).load(policies);
    for (LoadIssue issue : result.issues()) {
      out.println(issue);
    }
    int errors = result.errors().size();
    err.printf("%d policies, %d bindings, %d errors, %d warnings%n",
        result.policySet().policyCount(), result.policySet().bindingCount(),
        errors, result.issues().size() - errors);
    out.flush();
    return errors > 0 ? 1 : 0;
  }
}
