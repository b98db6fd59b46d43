package io.sparkgate.match;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.sparkgate.admission.AdmissionRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** One compiled NamedRuleWithOperations: operations, groups, versions, resources, scope, names. */
public final class ResourceRule {
  private final Set<String> operations;
  private final Set<String> groups;
  private final Set<String> versions;
  private final List<String> resources;
  private final String scope;
  private final Set<String> names;

  private ResourceRule(
      Set<String> operations, Set<String> groups, Set<String> versions, List<String> resources,
      String scope, Set<String> names) {
    this.operations = operations;
    this.groups = groups;
    this.versions = versions;
    this.resources = resources;
    this.scope = scope;
    this.names = names;
  }

  public static ResourceRule of(NamedRuleWithOperations rule) {
    return new ResourceRule(
        copy(rule.getOperations()),
        copy(rule.getApiGroups()),
        copy(rule.getApiVersions()),
        rule.getResources() == null ? List.of() : rule.getResources().stream().map(ResourceRule::orEmpty).toList(),
        rule.getScope() == null ? "*" : rule.getScope(),
        copy(rule.getResourceNames()));
  }

  /** A null item (YAML {@code [~]}) reads as "", as Go decodes JSON null into a string. */
  private static Set<String> copy(List<String> values) {
    return values == null ? Set.of() : values.stream().map(ResourceRule::orEmpty).collect(Collectors.toUnmodifiableSet());
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /**
   * The "group/resource" pairs this rule can match, for indexing; empty when it may match any
   * group or resource (a wildcard).
   */
  public Set<String> resourceKeys() {
    if (groups.contains("*") || groups.isEmpty()) {
      return Set.of();
    }
    Set<String> keys = new HashSet<>();
    for (String pattern : resources) {
      String resource = pattern.contains("/") ? pattern.substring(0, pattern.indexOf('/')) : pattern;
      if (resource.equals("*")) {
        return Set.of();
      }
      for (String group : groups) {
        keys.add(group + "/" + resource);
      }
    }
    return Set.copyOf(keys);
  }

  /** @param ignoreVersion true for matchPolicy Equivalent: the same resource in another version */
  public boolean matches(AdmissionRequest request, boolean ignoreVersion) {
    return matchesOperation(request.operation())
        && matchesAny(groups, request.resource().group())
        && (ignoreVersion || matchesAny(versions, request.resource().version()))
        && matchesResource(request.resource().resource(), request.subResource())
        && matchesScope(request.namespaced())
        && (names.isEmpty() || names.contains(request.name()));
  }

  private boolean matchesOperation(String operation) {
    return operations.contains("*") || operations.contains(operation);
  }

  private static boolean matchesAny(Set<String> allowed, String value) {
    return allowed.contains("*") || allowed.contains(value);
  }

  private boolean matchesResource(String resource, String subResource) {
    for (String pattern : resources) {
      if (resourcePatternMatches(pattern, resource, subResource)) {
        return true;
      }
    }
    return false;
  }

  /** Kubernetes' forms: "*", "*&#47;*", "pods", "pods/*", "*&#47;status", "pods/status". */
  static boolean resourcePatternMatches(String pattern, String resource, String subResource) {
    int slash = pattern.indexOf('/');
    String resourcePart = slash < 0 ? pattern : pattern.substring(0, slash);
    String subPart = slash < 0 ? "" : pattern.substring(slash + 1);
    if (slash < 0) {
      return subResource.isEmpty() && (pattern.equals("*") || pattern.equals(resource));
    }
    boolean resourceMatches = resourcePart.equals("*") || resourcePart.equals(resource);
    boolean subMatches = subPart.equals("*") || subPart.equals(subResource);
    return resourceMatches && subMatches;
  }

  private boolean matchesScope(boolean namespaced) {
    return switch (scope) {
      case "Cluster" -> !namespaced;
      case "Namespaced" -> namespaced;
      default -> true;
    };
  }
}
