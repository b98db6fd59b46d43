package io.sparkgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.match.LabelSelectorPredicate;
import io.sparkgate.policy.ParamKind;
import io.sparkgate.policy.ParamObject;
import io.sparkgate.policy.PolicySet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The team of a namespace: its SparkTenant's {@code spec.team}, else the namespace label
 * {@code sparkgate.io/team}, else "-"; looked up in the scanned objects, then the policy directory.
 */
public final class Teams {
  public static final String TEAM_LABEL = "sparkgate.io/team";
  private static final ParamKind TENANT = new ParamKind("sparkgate.io/v1", "SparkTenant");

  private final PolicySet set;
  private final Map<String, String> known = new HashMap<>();

  public Teams(PolicySet set, List<ScannedObject> objects) {
    this.set = Scanner.withObjectsInFront(set, objects);
  }

  public String of(String namespace) {
    return known.computeIfAbsent(namespace, this::lookUp);
  }

  private String lookUp(String namespace) {
    for (ParamObject tenant : set.params().bySelector(TENANT, namespace, LabelSelectorPredicate.EVERYTHING)) {
      JsonNode team = tenant.object().path("spec").path("team");
      if (team.isTextual() && !team.asText().isEmpty()) {
        return team.asText();
      }
    }
    JsonNode labelled = set.namespaces().namespace(namespace).path("metadata").path("labels").path(TEAM_LABEL);
    return labelled.isTextual() && !labelled.asText().isEmpty() ? labelled.asText() : "-";
  }
}
