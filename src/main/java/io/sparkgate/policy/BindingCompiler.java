package io.sparkgate.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1beta1.MutatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1beta1.MutatingAdmissionPolicyBindingSpec;
import io.sparkgate.match.LabelSelectorPredicate;
import io.sparkgate.match.MatchCriteria;
import io.sparkgate.policy.source.SourceDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks policy bindings and resolves their policies. Bindings come out ordered by policy name,
 * then binding name: the order in which they are evaluated.
 */
final class BindingCompiler {
  /** A binding document with the kind it was read as. */
  record Source<B>(B binding, SourceDocument document) {}

  /** What every binding kind has; null fields where the binding has none. */
  private record Basics(String name, String policyName, MatchCriteria matchResources, ParamReference paramRef) {}

  private final ObjectMapper mapper;

  BindingCompiler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  List<CompiledValidatingBinding> validating(List<Source<ValidatingAdmissionPolicyBinding>> sources,
      Map<String, CompiledValidatingPolicy> policies, List<LoadIssue> issues) {
    List<CompiledValidatingBinding> compiled = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Source<ValidatingAdmissionPolicyBinding> source : sources) {
      ValidatingAdmissionPolicyBindingSpec spec = source.binding().getSpec();
      Basics basics = basics("ValidatingAdmissionPolicyBinding", source.binding().getMetadata().getName(),
          spec == null ? null : spec.getPolicyName(), spec == null ? null : spec.getParamRef(),
          spec == null ? null : spec.getMatchResources(), source.binding().getMetadata().getAnnotations(),
          source.document(), names, issues);
      if (basics == null) {
        continue;
      }
      Set<ValidationAction> actions = actions(spec.getValidationActions(), source.document(), issues);
      CompiledValidatingPolicy policy = policies.get(basics.policyName());
      if (policy == null) {
        notLoaded(basics, source.document(), issues);
        continue;
      }
      compiled.add(new CompiledValidatingBinding(basics.name(), policy, basics.matchResources(), basics.paramRef(), actions));
    }
    compiled.sort(Comparator.comparing((CompiledValidatingBinding b) -> b.policy().name()).thenComparing(CompiledValidatingBinding::name));
    return List.copyOf(compiled);
  }

  List<CompiledMutatingBinding> mutating(List<Source<MutatingAdmissionPolicyBinding>> sources,
      Map<String, CompiledMutatingPolicy> policies, List<LoadIssue> issues) {
    List<CompiledMutatingBinding> compiled = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Source<MutatingAdmissionPolicyBinding> source : sources) {
      MutatingAdmissionPolicyBindingSpec spec = source.binding().getSpec();
      Basics basics = basics("MutatingAdmissionPolicyBinding", source.binding().getMetadata().getName(),
          spec == null ? null : spec.getPolicyName(),
          spec == null ? null : mapper.convertValue(spec.getParamRef(), ParamRef.class),
          spec == null ? null : mapper.convertValue(spec.getMatchResources(), MatchResources.class),
          source.binding().getMetadata().getAnnotations(), source.document(), names, issues);
      if (basics == null) {
        continue;
      }
      CompiledMutatingPolicy policy = policies.get(basics.policyName());
      if (policy == null) {
        notLoaded(basics, source.document(), issues);
        continue;
      }
      compiled.add(new CompiledMutatingBinding(basics.name(), policy, basics.matchResources(), basics.paramRef()));
    }
    compiled.sort(Comparator.comparing((CompiledMutatingBinding b) -> b.policy().name())
        .thenComparing(CompiledMutatingBinding::name));
    return List.copyOf(compiled);
  }

  /** null when the binding cannot be used at all. */
  private static Basics basics(String kind, String name, String policyName, ParamRef paramRef,
      MatchResources matchResources, Map<String, String> annotations, SourceDocument document, Set<String> names,
      List<LoadIssue> issues) {
    if (!names.add(name)) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/metadata/name"),
          "duplicate " + kind + " \"" + name + "\""));
      return null;
    }
    if (policyName == null || policyName.isBlank()) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/spec"), "spec.policyName is required"));
      return null;
    }
    String notFoundMessage = annotations == null ? null : annotations.get(ParamReference.NOT_FOUND_MESSAGE_ANNOTATION);
    ParamReference reference = paramRef(paramRef, notFoundMessage, document, issues);
    MatchCriteria criteria = null;
    if (matchResources != null) {
      try {
        criteria = MatchCriteria.forBinding(matchResources);
      } catch (IllegalArgumentException e) {
        issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/spec/matchResources"), e.getMessage()));
      }
    }
    return new Basics(name, policyName, criteria, reference);
  }

  private static void notLoaded(Basics basics, SourceDocument document, List<LoadIssue> issues) {
    issues.add(new LoadIssue(Severity.WARNING, document.positionOf("/spec/policyName"),
        "binding \"" + basics.name() + "\" names policy \"" + basics.policyName()
            + "\", which is not loaded: the binding has no effect"));
  }

  private static Set<ValidationAction> actions(List<String> values, SourceDocument document, List<LoadIssue> issues) {
    Set<ValidationAction> actions = EnumSet.noneOf(ValidationAction.class);
    if (values == null || values.isEmpty()) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/spec/validationActions"),
          "validationActions must name at least one of Deny, Warn, Audit"));
      return actions;
    }
    for (int i = 0; i < values.size(); i++) {
      ValidationAction action = ValidationAction.parse(values.get(i));
      if (action == null) {
        issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/spec/validationActions/" + i),
            "validationActions must be Deny, Warn or Audit, got \"" + values.get(i) + "\""));
      } else if (!actions.add(action)) {
        issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/spec/validationActions/" + i),
            "duplicate validationAction \"" + values.get(i) + "\""));
      }
    }
    if (actions.contains(ValidationAction.DENY) && actions.contains(ValidationAction.WARN)) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/spec/validationActions"),
          "validationActions cannot contain both Deny and Warn"));
    }
    return actions;
  }

  private static ParamReference paramRef(
      ParamRef ref, String notFoundMessage, SourceDocument document, List<LoadIssue> issues) {
    if (ref == null) {
      return null;
    }
    boolean hasName = ref.getName() != null && !ref.getName().isEmpty();
    boolean hasSelector = ref.getSelector() != null;
    if (hasName == hasSelector) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/spec/paramRef"),
          "paramRef must set exactly one of name and selector"));
    }
    String action = ref.getParameterNotFoundAction();
    if (action == null || !(action.equals("Allow") || action.equals("Deny"))) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/spec/paramRef"),
          "paramRef.parameterNotFoundAction must be Allow or Deny"));
    }
    LabelSelectorPredicate selector = null;
    if (hasSelector) {
      try {
        selector = LabelSelectorPredicate.of(ref.getSelector());
      } catch (IllegalArgumentException e) {
        issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/spec/paramRef/selector"), e.getMessage()));
        selector = LabelSelectorPredicate.EVERYTHING;
      }
    }
    return new ParamReference(hasName ? ref.getName() : null,
        ref.getNamespace() == null ? "" : ref.getNamespace(), selector, "Deny".equals(action), notFoundMessage);
  }
}
