package io.sparkgate.policy;

/** What every compiled admission policy has, validating or mutating: a name and its {@link PolicyBasics}. */
public interface CompiledPolicy {
  String name();

  PolicyBasics basics();
}
