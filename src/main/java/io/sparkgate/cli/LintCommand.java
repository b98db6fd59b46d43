package io.sparkgate.cli;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.CompileCache;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.Severity;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.lint.CachedSchemaCheck;
import io.sparkgate.lint.Portability;
import io.sparkgate.lint.SchemaCheck;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code lint}: compile and check every policy file, print problems as FILE:LINE:COL. Beyond what
 * loading checks, expressions are type-checked against the schemas of the kinds their policy
 * matches ({@link SchemaCheck}); {@code --portable} also lists what only Sparkgate accepts.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Compiles and type-checks policies, against the schemas of the kinds they match;"
        + " prints FILE:LINE:COL: message per problem. Exit 1 on errors.")
public final class LintCommand implements Callable<Integer> {
  @Mixin PolicyDirectoryOption policies;

  @Option(names = "--portable", arity = "0..1", fallbackValue = "report", paramLabel = "strict",
      description = "Also list what in-tree Kubernetes would not accept (Sparkgate functions and annotations)."
          + " These do not change the exit code, unless --portable=strict.")
  String portable;

  @CommandLine.Mixin ImageScanKeysOption imageScanKeys;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (portable != null && !portable.equals("report") && !portable.equals("strict")) {
      err.println("--portable takes no value or \"strict\", got \"" + portable + "\"");
      err.flush();
      return 2;
    }
    CelEnvironment environment = Engines.celEnvironment();
    List<SourceDocument> documents = new ArrayList<>();
    CompileCache cache = Engines.compileCache();
    PolicySetLoader.Result result = imageScanKeys.applyTo(new PolicySetLoader(environment).withCompileCache(cache))
        .onAdmissionDocument(documents::add).load(policies.directory);
    List<LoadIssue> issues = new ArrayList<>(result.issues());
    CachedSchemaCheck schemas = new CachedSchemaCheck(environment, cache);
    List<Portability.Finding> findings = new ArrayList<>();
    Portability portability = new Portability(environment);
    for (SourceDocument document : documents) {
      String kind = document.tree().path("kind").asText("");
      if (kind.equals("ValidatingAdmissionPolicy") || kind.equals("MutatingAdmissionPolicy")) {
        issues.addAll(schemas.check(document));
      }
      if (portable != null) {
        findings.addAll(portability.check(document));
      }
    }
    for (LoadIssue issue : issues) {
      out.println(issue);
    }
    findings.sort(Comparator.comparing((Portability.Finding finding) -> finding.position().file().toString())
        .thenComparingInt(finding -> finding.position().line())
        .thenComparingInt(finding -> finding.position().column()));
    for (Portability.Finding finding : findings) {
      out.println(finding);
    }
    long errors = issues.stream().filter(issue -> issue.severity() == Severity.ERROR).count();
    err.printf("%d policies, %d bindings, %d errors, %d warnings%s%n",
        result.policySet().policyCount(), result.policySet().bindingCount(),
        errors, issues.size() - errors, portable == null ? "" : ", " + findings.size() + " not portable");
    out.flush();
    err.flush();
    boolean strictFailure = "strict".equals(portable) && !findings.isEmpty();
    return errors > 0 || strictFailure ? 1 : 0;
  }
}
