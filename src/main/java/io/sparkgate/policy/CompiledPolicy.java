package io.sparkgate.policy;

import io.sparkgate.match.MatchCriteria;
import java.util.List;

/** What every compiled admission policy has, validating or mutating: a name and its {@link PolicyBasics}. */
public interface CompiledPolicy {
  String name();

  PolicyBasics basics();

  default boolean failClosed() {
    return basics().failClosed();
  }

  default ParamKind paramKind() {
    return basics().paramKind();
  }

  default MatchCriteria constraints() {
    return basics().constraints();
  }

  default List<NamedExpression> matchConditions() {
    return basics().matchConditions();
  }

  default List<NamedExpression> variables() {
    return basics().variables();
  }
}
