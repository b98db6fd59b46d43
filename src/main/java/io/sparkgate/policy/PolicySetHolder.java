package io.sparkgate.policy;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy set in service. A request reads it once, at its start, and sees one consistent set;
 * a reload publishes a whole new set in one step.
 */
public final class PolicySetHolder {
  private final AtomicReference<PolicySet> current = new AtomicReference<>();

  public PolicySet current() {
    PolicySet set = current.get();
    return set != null ? set : PolicySet.empty();
  }

  public boolean loaded() {
    return current.get() != null;
  }

  public void publish(PolicySet set) {
    current.set(set);
  }
}
