package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.match.MatchCriteria;
import io.sparkgate.policy.CompiledPolicyBinding;
import io.sparkgate.policy.ParamKind;
import io.sparkgate.policy.ParamObject;
import io.sparkgate.policy.ParamReference;
import io.sparkgate.policy.PolicySet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Whether a policy binding applies to a request, and with which param objects, by the rules every
 * policy kind shares: the policy's matchConstraints, the binding's matchResources, paramRef.
 */
final class BindingTarget {
  /** No param kind: the binding is evaluated once with {@code params} null. */
  private static final List<JsonNode> NO_PARAMS = Collections.singletonList(null);

  /**
   * {@code params} is empty when the binding does not apply; {@code error} is set, with the
   * message to deny with, when it applies but cannot be configured.
   */
  record Resolution(List<JsonNode> params, String error) {}

  private BindingTarget() {}

  static Resolution resolve(CompiledPolicyBinding target, EvaluationContext context) {
    AdmissionRequest request = context.request();
    PolicySet set = context.set();
    Explainer explain = context.explain();
    String policy = target.policy().name();
    String binding = target.name();
    MatchCriteria matchResources = target.matchResources();
    MatchCriteria.Result matched = target.policy().constraints().match(request, set.namespaces());
    if (!matched.matches()) {
      explain.binding(policy, binding, false, "policy matchConstraints: " + matched.reason());
      return new Resolution(List.of(), null);
    }
    if (matchResources != null) {
      MatchCriteria.Result narrowed = matchResources.match(request, set.namespaces());
      if (!narrowed.matches()) {
        explain.binding(policy, binding, false, "binding matchResources: " + narrowed.reason());
        return new Resolution(List.of(), null);
      }
    }
    Resolution params = params(target.policy().paramKind(), target.paramRef(), request, set);
    if (params.error() != null) {
      explain.binding(policy, binding, true, "binding misconfigured: " + params.error());
    } else if (params.params().isEmpty()) {
      explain.binding(policy, binding, false, "no params found; parameterNotFoundAction is Allow");
    } else {
      explain.binding(policy, binding, true, "matches");
    }
    return params;
  }

  private static Resolution params(ParamKind kind, ParamReference ref, AdmissionRequest request, PolicySet set) {
    if (kind == null) {
      return new Resolution(NO_PARAMS, null);
    }
    if (ref == null) {
      return new Resolution(NO_PARAMS, null);
    }
    String namespace = ref.namespace();
    if (namespace.isEmpty() && set.params().namespaced(kind)) {
      if (!request.namespaced()) {
        return misconfigured("cannot use namespaced paramRef in policy binding that matches cluster-scoped resources");
      }
      namespace = request.namespace();
    }
    List<ParamObject> found;
    if (ref.name() != null) {
      ParamObject param = set.params().byName(kind, namespace, ref.name());
      found = param == null ? List.of() : List.of(param);
    } else {
      found = set.params().bySelector(kind, namespace, ref.selector());
    }
    if (found.isEmpty() && ref.denyWhenNotFound()) {
      return ref.notFoundMessage() != null
          ? new Resolution(List.of(), ref.notFoundMessage().replace("{namespace}", namespace))
          : misconfigured("no params found for policy binding with `Deny` parameterNotFoundAction");
    }
    String problem = firstProblem(found);
    return problem != null ? new Resolution(List.of(), problem) : new Resolution(objects(found), null);
  }

  /** An object that failed Sparkgate's own checks makes the binding fail, naming the object and the field. */
  private static String firstProblem(List<ParamObject> found) {
    for (ParamObject param : found) {
      if (param.problem() != null) {
        return param.problem();
      }
    }
    return null;
  }

  private static List<JsonNode> objects(List<ParamObject> found) {
    if (found.size() == 1) {
      return List.of(found.get(0).object());
    }
    List<JsonNode> objects = new ArrayList<>(found.size());
    found.forEach(param -> objects.add(param.object()));
    return objects;
  }

  private static Resolution misconfigured(String why) {
    return new Resolution(List.of(), "failed to configure binding: " + why);
  }
}
