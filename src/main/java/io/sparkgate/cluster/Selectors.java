package io.sparkgate.cluster;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Label selectors as the API server's {@code labelSelector} query parameter writes them. */
final class Selectors {
  private Selectors() {}

  static String text(LabelSelector selector) {
    List<String> parts = new ArrayList<>();
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> entry : new TreeMap<>(selector.getMatchLabels()).entrySet()) {
        parts.add(entry.getKey() + "=" + entry.getValue());
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        String values = requirement.getValues() == null ? "" : String.join(",", requirement.getValues());
        switch (requirement.getOperator()) {
          case "In" -> parts.add(requirement.getKey() + " in (" + values + ")");
          case "NotIn" -> parts.add(requirement.getKey() + " notin (" + values + ")");
          case "Exists" -> parts.add(requirement.getKey());
          case "DoesNotExist" -> parts.add("!" + requirement.getKey());
          default -> throw new IllegalArgumentException("unknown selector operator " + requirement.getOperator());
        }
      }
    }
    return String.join(",", parts);
  }
}
