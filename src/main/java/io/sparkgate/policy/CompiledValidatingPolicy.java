package io.sparkgate.policy;

import io.sparkgate.match.MatchCriteria;
import java.util.List;

/** A ValidatingAdmissionPolicy with every expression compiled. */
public record CompiledValidatingPolicy(
    String name,
    PolicyBasics basics,
    List<CompiledValidation> validations,
    List<NamedExpression> auditAnnotations) implements CompiledPolicy {

  public boolean failClosed() {
    return basics.failClosed();
  }

  public ParamKind paramKind() {
    return basics.paramKind();
  }

  public MatchCriteria constraints() {
    return basics.constraints();
  }

  public List<NamedExpression> matchConditions() {
    return basics.matchConditions();
  }

  public List<NamedExpression> variables() {
    return basics.variables();
  }
}
