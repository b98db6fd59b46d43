package io.sparkgate.match;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled Kubernetes label selector. A missing selector, and the empty one, match everything. */
public final class LabelSelectorPredicate {
  public static final LabelSelectorPredicate EVERYTHING = new LabelSelectorPredicate(List.of(), null);

  private interface Requirement {
    boolean test(JsonNode labels);
  }

  private final List<Requirement> requirements;
  private final LabelSelector source;

  private LabelSelectorPredicate(List<Requirement> requirements, LabelSelector source) {
    this.requirements = requirements;
    this.source = source;
  }

  /** The selector as written; null for {@link #EVERYTHING}. Cluster mode passes it on to the API server. */
  public LabelSelector source() {
    return source;
  }

  /** Whether the selector selects every object (absent or empty). */
  public boolean selectsEverything() {
    return requirements.isEmpty();
  }

  /** @throws IllegalArgumentException for an operator Kubernetes would reject */
  public static LabelSelectorPredicate of(LabelSelector selector) {
    if (selector == null) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> entry : selector.getMatchLabels().entrySet()) {
        String key = entry.getKey();
        String value = entry.getValue();
        requirements.add(labels -> value.equals(label(labels, key)));
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement expression : selector.getMatchExpressions()) {
        requirements.add(requirement(expression));
      }
    }
    return new LabelSelectorPredicate(List.copyOf(requirements), selector);
  }

  private static Requirement requirement(LabelSelectorRequirement expression) {
    String key = expression.getKey();
    Set<String> values = expression.getValues() == null ? Set.of() : Set.copyOf(expression.getValues());
    String operator = expression.getOperator() == null ? "" : expression.getOperator();
    switch (operator) {
      case "In":
        requireValues(key, operator, values);
        return labels -> {
          String value = label(labels, key);
          return value != null && values.contains(value);
        };
      case "NotIn":
        requireValues(key, operator, values);
        return labels -> {
          String value = label(labels, key);
          return value == null || !values.contains(value);
        };
      case "Exists":
        return labels -> label(labels, key) != null;
      case "DoesNotExist":
        return labels -> label(labels, key) == null;
      default:
        throw new IllegalArgumentException(
            "label selector operator \"" + operator + "\" for key \"" + key
                + "\" is not one of In, NotIn, Exists, DoesNotExist");
    }
  }

  private static void requireValues(String key, String operator, Set<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(
          "label selector operator " + operator + " for key \"" + key + "\" needs at least one value");
    }
  }

  private static String label(JsonNode labels, String key) {
    if (labels == null) {
      return null;
    }
    JsonNode value = labels.get(key);
    return value == null || !value.isTextual() ? null : value.textValue();
  }

  public boolean matchesEverything() {
    return requirements.isEmpty();
  }

  /** @param labels a JSON object of labels, or null for none */
  public boolean matches(JsonNode labels) {
    for (Requirement requirement : requirements) {
      if (!requirement.test(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The labels of an object (its metadata.labels), or null. */
  public static JsonNode labelsOf(JsonNode object) {
    if (object == null) {
      return null;
    }
    JsonNode metadata = object.get("metadata");
    return metadata == null ? null : metadata.get("labels");
  }
}
