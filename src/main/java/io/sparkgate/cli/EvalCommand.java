package io.sparkgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.sparkgate.admission.InvalidReviewException;
import io.sparkgate.enforce.PlatformApprovers;
import io.sparkgate.engine.OfflineAdmission;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.ExpressionResult;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicySetLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code eval}: one request through the server's engine, offline. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluates one request offline and prints the AdmissionReview response. "
        + "Exit 0 allowed, 1 denied, 2 bad input.")
public final class EvalCommand implements Callable<Integer> {
  @Mixin PolicyDirectoryOption policies;

  @Option(names = "--phase", defaultValue = "all", converter = PhaseConverter.class,
      description = "all, mutate or validate (default: ${DEFAULT-VALUE}).")
  Phase phase;

  @Option(names = "--namespace", description = "Namespace of a bare object's request.")
  String namespace;

  @Option(names = "--operation", defaultValue = "CREATE", description = "Operation of a bare object's request.")
  String operation;

  @Option(names = "--user", defaultValue = "sparkgate-eval", description = "User of a bare object's request.")
  String user;

  @Option(names = "--group", description = "A group of the request's user (repeat for several; default system:authenticated).")
  List<String> groups;

  @Option(names = "--now", description = "Decide as at this RFC 3339 time (exceptions expire against it; default: now).")
  String now;

  @Option(names = "--exception-approver-user", description = "A platform approver of SparkPolicyExceptions, as serve has them (repeatable).")
  List<String> approverUsers;

  @Option(names = "--exception-approver-group", description = "A group of platform approvers of SparkPolicyExceptions (repeatable).")
  List<String> approverGroups;

  @Option(names = "--old-object", description = "Old object of a bare object's UPDATE or DELETE request.")
  Path oldObject;

  @Mixin ImageScanKeysOption imageScanKeys;

  @Option(names = "--explain", description = "Print every binding considered and each expression's value to stderr.")
  boolean explain;

  @Parameters(index = "0", paramLabel = "FILE", description = "An AdmissionReview or a bare object (JSON or YAML).")
  Path file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PolicySetLoader.Result loaded = imageScanKeys.applyTo(Engines.offlineLoader()).load(policies.directory);
    for (LoadIssue issue : loaded.issues()) {
      err.println(issue);
    }
    Instant at;
    try {
      at = now == null ? Instant.now() : OffsetDateTime.parse(now).toInstant();
    } catch (DateTimeParseException e) {
      err.println("error: --now must be an RFC 3339 time such as 2026-12-10T06:00:00Z");
      return 2;
    }
    OfflineAdmission admission = new OfflineAdmission(new PlatformApprovers(approverUsers, approverGroups));
    Explainer explainer = explain ? new PrintingExplainer(err) : Explainer.NONE;
    JsonNode answer;
    try {
      JsonNode document = DocumentFiles.readOne(file);
      ReviewBuilder builder = new ReviewBuilder().namespace(namespace).operation(operation)
          .user(user, groups == null ? List.of("system:authenticated") : groups);
      if (oldObject != null) {
        builder.oldObject(DocumentFiles.readOne(oldObject));
      }
      if (operation.equalsIgnoreCase("DELETE") && !ReviewBuilder.isReview(document)) {
        builder.oldObject(document);
        document = NullNode.getInstance();
      }
      answer = admission.respond(document, builder, loaded.policySet(), phase, explainer, at);
      out.println(admission.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (InvalidReviewException e) {
      err.println("error: " + file + " is not a usable AdmissionReview: " + e.getMessage());
      return 2;
    }
    out.flush();
    return answer.path("response").path("allowed").asBoolean(false) ? 0 : 1;
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
      err.printf("  %s: %s => %s (cost %d)%n", role, source.strip().replace('\n', ' '), value, result.cost());
    }

    @Override
    public void exception(String exception, String policy, boolean applied, String why) {
      err.printf("exception %s for policy %s: %s (%s)%n", exception, policy, applied ? "applies" : "does not apply", why);
    }
  }

  /** {@code --phase} in any case: all, mutate or validate. */
  static final class PhaseConverter implements ITypeConverter<Phase> {
    @Override
    public Phase convert(String value) {
      try {
        return Phase.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("--phase must be all, mutate or validate");
      }
    }
  }
}
