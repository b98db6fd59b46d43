package io.sparkgate.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.admissionregistration.v1beta1.MutatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1beta1.MutatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1beta1.Mutation;
import io.sparkgate.cel.mutation.LiteralLowering;
import io.sparkgate.patch.MergeSchema;
import io.sparkgate.policy.CompiledMutation.PatchType;
import io.sparkgate.policy.ExpressionCompiler.Expect;
import io.sparkgate.policy.source.SourceDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a MutatingAdmissionPolicy (v1alpha1, v1beta1 and v1 share one shape) as the API server
 * would, and compiles its expressions. The parts it shares with validating policies are read in
 * their v1 form.
 */
final class MutatingPolicyCompiler {
  private static final List<String> OPERATIONS = List.of("CREATE", "UPDATE", "CONNECT", "*");
  private static final Set<String> REINVOCATION_POLICIES = Set.of("Never", "IfNeeded");

  private final ExpressionCompiler compiler;
  private final ObjectMapper mapper;

  MutatingPolicyCompiler(ExpressionCompiler compiler, ObjectMapper mapper) {
    this.compiler = compiler;
    this.mapper = mapper;
  }

  CompiledMutatingPolicy compile(MutatingAdmissionPolicy policy, SourceDocument document, List<LoadIssue> issues) {
    PolicyIssues at = new PolicyIssues(compiler, document, issues);
    String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
    MutatingAdmissionPolicySpec spec = policy.getSpec();
    if (spec == null) {
      at.error("/spec", "spec is required");
      spec = new MutatingAdmissionPolicySpec();
    }
    MatchResources constraints = mapper.convertValue(spec.getMatchConstraints(), MatchResources.class);
    checkOperations(constraints, at);
    PolicyBasics basics = PolicyBasicsCompiler.compile(
        spec.getFailurePolicy(),
        mapper.convertValue(spec.getParamKind(), ParamKind.class),
        constraints,
        spec.getMatchConditions() == null ? null
            : Arrays.asList(mapper.convertValue(spec.getMatchConditions(), MatchCondition[].class)),
        spec.getVariables() == null ? null : Arrays.asList(mapper.convertValue(spec.getVariables(), Variable[].class)),
        at);
    String reinvocation = spec.getReinvocationPolicy();
    if (reinvocation == null || !REINVOCATION_POLICIES.contains(reinvocation)) {
      at.error("/spec/reinvocationPolicy", "reinvocationPolicy is required and must be Never or IfNeeded"
          + (reinvocation == null ? "" : ", got \"" + reinvocation + "\""));
    }
    checkApplyConfigurations(spec.getMutations(), constraints, at);
    return new CompiledMutatingPolicy(name, basics, mutations(spec.getMutations(), at), "IfNeeded".equals(reinvocation));
  }

  /** A mutating policy can only act on requests with an object: CREATE, UPDATE and CONNECT. */
  private static void checkOperations(MatchResources constraints, PolicyIssues at) {
    if (constraints == null || constraints.getResourceRules() == null) {
      return;
    }
    List<NamedRuleWithOperations> rules = constraints.getResourceRules();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) == null) {
        continue;
      }
      List<String> operations = rules.get(i).getOperations();
      for (int j = 0; operations != null && j < operations.size(); j++) {
        if (!OPERATIONS.contains(operations.get(j))) {
          at.error("/spec/matchConstraints/resourceRules/" + i + "/operations/" + j,
              "spec.matchConstraints.resourceRules[" + i + "].operations[" + j + "]: Unsupported value: \""
                  + operations.get(j) + "\": supported values: \"CREATE\", \"UPDATE\", \"CONNECT\", \"*\"");
        }
      }
    }
  }

  /**
   * What an apply configuration may never do is refused at load where it is visible in the
   * expression: setting an atomic field of a kind the policy matches, or a field that no kind the
   * policy matches declares (when every kind it matches has a known schema).
   */
  private void checkApplyConfigurations(List<Mutation> mutations, MatchResources constraints, PolicyIssues at) {
    if (mutations == null || constraints == null || constraints.getResourceRules() == null) {
      return;
    }
    Set<MergeSchema> schemas = new LinkedHashSet<>();
    for (NamedRuleWithOperations rule : constraints.getResourceRules()) {
      if (rule == null) {
        continue;
      }
      List<String> versions = rule.getApiVersions() == null || rule.getApiVersions().isEmpty() ? null : rule.getApiVersions();
      for (String group : rule.getApiGroups() == null ? List.of("*") : rule.getApiGroups()) {
        for (String resource : rule.getResources() == null ? List.of("*") : rule.getResources()) {
          schemas.add(MergeSchema.forResource(group, resource, versions));
        }
      }
    }
    boolean allKnown = !schemas.isEmpty() && schemas.stream().allMatch(MergeSchema::known);
    for (int i = 0; i < mutations.size(); i++) {
      Mutation mutation = mutations.get(i);
      if (!"ApplyConfiguration".equals(mutation.getPatchType()) || mutation.getApplyConfiguration() == null) {
        continue;
      }
      String pointer = "/spec/mutations/" + i + "/applyConfiguration/expression";
      Set<String> reported = new HashSet<>();
      for (LiteralLowering.ObjectField field : compiler.objectFields(mutation.getApplyConfiguration().getExpression())) {
        List<String> path = Arrays.asList(field.path().split("\\."));
        // A literal whose type name is itself undeclared (Object.specx) fails at run time with a type mismatch.
        List<String> parent = path.subList(0, path.size() - 1);
        if (allKnown && schemas.stream().anyMatch(schema -> schema.declares(parent))
            && schemas.stream().noneMatch(schema -> schema.declares(path))) {
          at.error(pointer, "ApplyConfiguration sets ." + field.path() + ", a field not declared in the schema of "
              + String.join(" or ", schemas.stream().map(MergeSchema::description).toList()));
          continue;
        }
        for (MergeSchema schema : schemas) {
          Optional<String> atomic = schema.atomicOnPath(path, field.listLiteral());
          if (atomic.isPresent()) {
            if (reported.add(atomic.get() + " " + schema.description())) {
              at.error(pointer, "ApplyConfiguration may not set " + atomic.get() + " of " + schema.description()
                + ": may not mutate atomic arrays, maps or structs (use a JSONPatch mutation)");
            }
            break;
          }
        }
      }
    }
  }

  private static List<CompiledMutation> mutations(List<Mutation> mutations, PolicyIssues at) {
    List<CompiledMutation> compiled = new ArrayList<>();
    if (mutations == null || mutations.isEmpty()) {
      at.error("/spec", "mutations must have at least one entry");
      return compiled;
    }
    for (int i = 0; i < mutations.size(); i++) {
      Mutation mutation = mutations.get(i);
      String pointer = "/spec/mutations/" + i;
      boolean apply = mutation.getApplyConfiguration() != null;
      boolean json = mutation.getJsonPatch() != null;
      String patchType = mutation.getPatchType();
      if ("ApplyConfiguration".equals(patchType) && apply && !json) {
        compiled.add(new CompiledMutation(i, PatchType.APPLY_CONFIGURATION, at.compile(
            mutation.getApplyConfiguration().getExpression(), Expect.OBJECT, pointer + "/applyConfiguration/expression")));
      } else if ("JSONPatch".equals(patchType) && json && !apply) {
        compiled.add(new CompiledMutation(i, PatchType.JSON_PATCH, at.compile(
            mutation.getJsonPatch().getExpression(), Expect.JSON_PATCHES, pointer + "/jsonPatch/expression")));
      } else if (!"ApplyConfiguration".equals(patchType) && !"JSONPatch".equals(patchType)) {
        at.error(pointer + "/patchType", "patchType must be ApplyConfiguration or JSONPatch"
            + (patchType == null ? "" : ", got \"" + patchType + "\""));
      } else {
        at.error(pointer, "patchType " + patchType + " needs "
            + (patchType.equals("JSONPatch") ? "jsonPatch" : "applyConfiguration") + " and nothing else");
      }
    }
    return compiled;
  }
}
