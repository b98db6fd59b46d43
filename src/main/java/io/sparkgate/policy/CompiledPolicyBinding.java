package io.sparkgate.policy;

import io.sparkgate.match.MatchCriteria;

/**
 * What every compiled policy binding has, validating or mutating: its name, its policy, the
 * binding's matchResources (null when it narrows nothing) and paramRef (null when it has none).
 */
public interface CompiledPolicyBinding {
  String name();

  CompiledPolicy policy();

  MatchCriteria matchResources();

  ParamReference paramRef();
}
