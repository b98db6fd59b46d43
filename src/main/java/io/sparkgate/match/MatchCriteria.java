package io.sparkgate.match;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.sparkgate.admission.AdmissionRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * A compiled MatchResources: a policy's matchConstraints or a binding's matchResources. In a
 * binding, an empty resourceRules list means "whatever the policy matches".
 */
public final class MatchCriteria {
  private final LabelSelectorPredicate namespaceSelector;
  private final LabelSelectorPredicate objectSelector;
  private final List<ResourceRule> resourceRules;
  private final List<ResourceRule> excludeRules;
  private final boolean equivalent;
  private final boolean emptyRulesMatchAll;

  private MatchCriteria(
      LabelSelectorPredicate namespaceSelector,
      LabelSelectorPredicate objectSelector,
      List<ResourceRule> resourceRules,
      List<ResourceRule> excludeRules,
      boolean equivalent,
      boolean emptyRulesMatchAll) {
    this.namespaceSelector = namespaceSelector;
    this.objectSelector = objectSelector;
    this.resourceRules = resourceRules;
    this.excludeRules = excludeRules;
    this.equivalent = equivalent;
    this.emptyRulesMatchAll = emptyRulesMatchAll;
  }

  public static MatchCriteria forPolicy(MatchResources resources) {
    return of(resources, false);
  }

  public static MatchCriteria forBinding(MatchResources resources) {
    return of(resources, true);
  }

  private static MatchCriteria of(MatchResources resources, boolean emptyRulesMatchAll) {
    if (resources == null) {
      return new MatchCriteria(
          LabelSelectorPredicate.EVERYTHING, LabelSelectorPredicate.EVERYTHING, List.of(), List.of(),
          true, emptyRulesMatchAll);
    }
    return new MatchCriteria(
        LabelSelectorPredicate.of(resources.getNamespaceSelector()),
        LabelSelectorPredicate.of(resources.getObjectSelector()),
        rules(resources.getResourceRules()),
        rules(resources.getExcludeResourceRules()),
        !"Exact".equals(resources.getMatchPolicy()),
        emptyRulesMatchAll);
  }

  private static List<ResourceRule> rules(List<NamedRuleWithOperations> rules) {
    List<ResourceRule> compiled = new ArrayList<>();
    if (rules != null) {
      for (NamedRuleWithOperations rule : rules) {
        if (rule == null) {
          throw new IllegalArgumentException("a resource rule is empty (null)");
        }
        compiled.add(ResourceRule.of(rule));
      }
    }
    return List.copyOf(compiled);
  }

  /**
   * The "group/resource" pairs a request must have to match, for indexing; empty when any
   * resource may match.
   */
  public Set<String> resourceKeys() {
    if (resourceRules.isEmpty()) {
      return Set.of();
    }
    Set<String> keys = new HashSet<>();
    for (ResourceRule rule : resourceRules) {
      Set<String> ruleKeys = rule.resourceKeys();
      if (ruleKeys.isEmpty()) {
        return Set.of();
      }
      keys.addAll(ruleKeys);
    }
    return Set.copyOf(keys);
  }

  /** Why a request does or does not match, for {@code eval --explain}. */
  public record Result(boolean matches, String reason) {
    static final Result MATCH = new Result(true, "matches");
  }

  public Result match(AdmissionRequest request, NamespaceLookup namespaces) {
    if (!matchesRules(request)) {
      return new Result(false, "no resourceRule matches " + describe(request));
    }
    for (ResourceRule rule : excludeRules) {
      if (rule.matches(request, equivalent)) {
        return new Result(false, "excluded by excludeResourceRules");
      }
    }
    if (!matchesNamespace(request, namespaces)) {
      return new Result(false, "namespaceSelector does not match namespace " + request.namespace());
    }
    if (!matchesObject(request)) {
      return new Result(false, "objectSelector matches neither the object nor the old object");
    }
    return Result.MATCH;
  }

  public boolean matches(AdmissionRequest request, NamespaceLookup namespaces) {
    return match(request, namespaces).matches();
  }

  private boolean matchesRules(AdmissionRequest request) {
    if (resourceRules.isEmpty()) {
      return emptyRulesMatchAll;
    }
    for (ResourceRule rule : resourceRules) {
      if (rule.matches(request, false)) {
        return true;
      }
    }
    if (equivalent) {
      for (ResourceRule rule : resourceRules) {
        if (rule.matches(request, true)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean matchesNamespace(AdmissionRequest request, NamespaceLookup namespaces) {
    if (namespaceSelector.matchesEverything()) {
      return true;
    }
    if (request.isNamespace()) {
      return namespaceSelector.matches(LabelSelectorPredicate.labelsOf(request.subject()));
    }
    if (!request.namespaced()) {
      return true;
    }
    JsonNode namespace = namespaces.namespace(request.namespace());
    return namespaceSelector.matches(LabelSelectorPredicate.labelsOf(namespace));
  }

  private boolean matchesObject(AdmissionRequest request) {
    if (objectSelector.matchesEverything()) {
      return true;
    }
    return matchesObject(request.object()) || matchesObject(request.oldObject());
  }

  /** An absent object matches no selector, as in Kubernetes. */
  private boolean matchesObject(JsonNode object) {
    return object != null && objectSelector.matches(LabelSelectorPredicate.labelsOf(object));
  }

  private static String describe(AdmissionRequest request) {
    String resource = request.resource().resource()
        + (request.subResource().isEmpty() ? "" : "/" + request.subResource());
    String group = request.resource().group().isEmpty() ? "core" : request.resource().group();
    return request.operation() + " " + group + "/" + request.resource().version() + " " + resource;
  }
}
