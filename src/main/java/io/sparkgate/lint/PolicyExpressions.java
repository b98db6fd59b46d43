package io.sparkgate.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.policy.source.SourceDocument;
import java.util.ArrayList;
import java.util.List;

/** The CEL expressions of a policy document, in the order they are checked: variables first. */
final class PolicyExpressions {
  /** One expression: where it stands, its text, and the variable it defines (null otherwise). */
  record Site(String pointer, String source, String variable) {}

  private PolicyExpressions() {}

  static List<Site> of(SourceDocument document) {
    JsonNode spec = document.tree().path("spec");
    List<Site> sites = new ArrayList<>();
    JsonNode variables = spec.path("variables");
    for (int i = 0; i < variables.size(); i++) {
      add(sites, "/spec/variables/" + i + "/expression", variables.get(i).path("expression"),
          variables.get(i).path("name").asText(null));
    }
    JsonNode conditions = spec.path("matchConditions");
    for (int i = 0; i < conditions.size(); i++) {
      add(sites, "/spec/matchConditions/" + i + "/expression", conditions.get(i).path("expression"), null);
    }
    JsonNode validations = spec.path("validations");
    for (int i = 0; i < validations.size(); i++) {
      add(sites, "/spec/validations/" + i + "/expression", validations.get(i).path("expression"), null);
      add(sites, "/spec/validations/" + i + "/messageExpression", validations.get(i).path("messageExpression"), null);
    }
    JsonNode annotations = spec.path("auditAnnotations");
    for (int i = 0; i < annotations.size(); i++) {
      add(sites, "/spec/auditAnnotations/" + i + "/valueExpression", annotations.get(i).path("valueExpression"), null);
    }
    JsonNode mutations = spec.path("mutations");
    for (int i = 0; i < mutations.size(); i++) {
      add(sites, "/spec/mutations/" + i + "/applyConfiguration/expression",
          mutations.get(i).path("applyConfiguration").path("expression"), null);
      add(sites, "/spec/mutations/" + i + "/jsonPatch/expression",
          mutations.get(i).path("jsonPatch").path("expression"), null);
    }
    return sites;
  }

  private static void add(List<Site> sites, String pointer, JsonNode value, String variable) {
    if (value.isTextual() && !value.asText().isBlank()) {
      sites.add(new Site(pointer, value.asText(), variable));
    }
  }
}
