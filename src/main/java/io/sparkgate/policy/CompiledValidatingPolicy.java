package io.sparkgate.policy;

import java.util.List;

/**
 * A ValidatingAdmissionPolicy with every expression compiled. {@code strict}: the policy carries
 * the annotation {@code sparkgate.io/enforcement: strict}, so no tenant's Warn mode weakens it.
 */
public record CompiledValidatingPolicy(
    String name,
    PolicyBasics basics,
    List<CompiledValidation> validations,
    List<NamedExpression> auditAnnotations,
    boolean strict) implements CompiledPolicy {
  public static final String ENFORCEMENT_ANNOTATION = "sparkgate.io/enforcement";
}
