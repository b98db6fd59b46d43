package io.sparkgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.admission.AdmissionReviewEncoder;
import io.sparkgate.admission.InvalidReviewException;
import io.sparkgate.engine.AdmissionEngine;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.Review;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.ExpressionResult;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicySetLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eval}: one request through the server's engine, offline. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluates one request offline and prints the AdmissionReview response. "
        + "Exit 0 allowed, 1 denied, 2 bad input.")
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--policies", defaultValue = "policies", description = "Policy directory (default: ${DEFAULT-VALUE}).")
  Path policies;

  @Option(names = "--phase", defaultValue = "all", description = "all, mutate or validate (default: ${DEFAULT-VALUE}).")
  String phase;

  @Option(names = "--namespace", description = "Namespace of a bare object's request.")
  String namespace;

  @Option(names = "--operation", defaultValue = "CREATE", description = "Operation of a bare object's request.")
  String operation;

  @Option(names = "--user", defaultValue = "sparkgate-eval", description = "User of a bare object's request.")
  String user;

  @Option(names = "--old-object", description = "Old object of a bare object's UPDATE or DELETE request.")
  Path oldObject;

  @Option(names = "--explain", description = "Print every binding considered and each expression's value to stderr.")
  boolean explain;

  @Parameters(index = "0", paramLabel = "FILE", description = "An AdmissionReview or a bare object (JSON or YAML).")
  Path file;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Phase selected;
    try {
      selected = Phase.valueOf(phase.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("error: --phase must be all, mutate or validate");
      return 2;
    }
    PolicySetLoader.Result loaded = new PolicySetLoader(Engines.celEnvironment()).load(policies);
    for (LoadIssue issue : loaded.issues()) {
      err.println(issue);
    }
    AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(Engines.MAX_NESTING);
    AdmissionRequest request;
    try {
      JsonNode document = DocumentFiles.readOne(file);
      if (!ReviewBuilder.isReview(document)) {
        ReviewBuilder builder = new ReviewBuilder().namespace(namespace).operation(operation)
            .user(user, List.of("system:authenticated"));
        if (oldObject != null) {
          builder.oldObject(DocumentFiles.readOne(oldObject));
        }
        document = builder.build(operation.equalsIgnoreCase("DELETE") ? null : document);
      }
      request = decoder.decode(document);
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (InvalidReviewException e) {
      err.println("error: " + file + " is not a usable AdmissionReview: " + e.getMessage());
      return 2;
    }
    Explainer explainer = explain ? new PrintingExplainer(err) : Explainer.NONE;
    Review review = Engines.engine().review(request, loaded.policySet(), selected, explainer);
    ObjectMapper mapper = decoder.mapper();
    try {
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
          new AdmissionReviewEncoder(mapper).toTree(review.response())));
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    out.flush();
    return review.response().allowed() ? 0 : 1;
  }

  /** Writes what the engine considered to stderr, one line each. */
  private static final class PrintingExplainer implements Explainer {
    private final PrintWriter err;

    PrintingExplainer(PrintWriter err) {
      this.err = err;
    }

    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public void binding(String policy, String binding, boolean matched, String why) {
      err.printf("policy %s, binding %s: %s (%s)%n", policy, binding, matched ? "applies" : "skipped", why);
    }

    @Override
    public void expression(String role, String source, ExpressionResult result) {
      String value = result.failed() ? "error: " + result.error() : String.valueOf(result.value());
      err.printf("  %s: %s => %s%n", role, source.strip().replace('\n', ' '), value);
    }
  }
}
