package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.spark.FieldProblem;
import io.sparkgate.spark.NameGlob;
import io.sparkgate.spark.SparkPolicyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks of SparkPolicyExceptions given as files. A malformed one is an error (the set is not
 * served, so it can never widen anything); one that names a policy the set does not have, has
 * expired, or has a glob no Spark application name can match is a warning: it waives nothing.
 */
final class ExceptionChecks {
  private ExceptionChecks() {}

  /** The JSON pointers an issue about the exception can name, for documents that keep few locations. */
  static List<String> pointers(JsonNode tree) {
    List<String> kept = new ArrayList<>(List.of("/spec", "/spec/expires", "/spec/reason", "/spec/policies",
        "/spec/applications"));
    SparkPolicyException exception = SparkPolicyException.read(tree);
    exception.problems().forEach(problem -> kept.add(problem.pointer()));
    for (int i = 0; i < tree.path("spec").path("policies").size(); i++) {
      kept.add("/spec/policies/" + i);
    }
    for (int i = 0; i < tree.path("spec").path("applications").size(); i++) {
      kept.add("/spec/applications/" + i);
    }
    return kept;
  }

  static void check(SourceDocument document, Set<String> policyNames, Instant now, List<LoadIssue> issues) {
    SparkPolicyException exception = SparkPolicyException.read(document.tree());
    String subject = SparkPolicyException.KIND + " " + exception.ref();
    for (FieldProblem problem : exception.problems()) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf(problem.pointer()), subject + ": " + problem.message()));
    }
    if (!exception.valid()) {
      return;
    }
    for (int i = 0; i < exception.policies().size(); i++) {
      String policy = exception.policies().get(i);
      if (!policyNames.contains(policy)) {
        issues.add(new LoadIssue(Severity.WARNING, document.positionOf("/spec/policies/" + i),
            subject + ": no ValidatingAdmissionPolicy \"" + policy + "\" is loaded, so it waives nothing"));
      }
    }
    for (int i = 0; i < exception.applications().size(); i++) {
      NameGlob glob = exception.applications().get(i);
      String why = glob.neverMatchesBecause();
      if (why != null) {
        issues.add(new LoadIssue(Severity.WARNING, document.positionOf("/spec/applications/" + i),
            subject + ": \"" + glob + "\" can never match a Spark application name: " + why));
      }
    }
    if (!exception.activeAt(now)) {
      issues.add(new LoadIssue(Severity.WARNING, document.positionOf("/spec/expires"),
          subject + ": expired at " + exception.expires() + ", it waives nothing (delete it)"));
    }
  }
}
