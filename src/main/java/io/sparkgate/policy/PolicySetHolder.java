package io.sparkgate.policy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The policy set in service. A request reads it once, at its start, and sees one consistent set;
 * a reload publishes a whole new set in one step.
 *
 * <p>In cluster mode an overlay puts the cluster's params and namespaces in front of the files'
 * ({@link PolicySet#withSourcesInFront}): the set in service is the published set with the
 * overlay applied. Publishing and installing the overlay are serialised; reading never locks.
 */
public final class PolicySetHolder {
  private final AtomicReference<PolicySet> current = new AtomicReference<>();
  private final List<Consumer<PolicySet>> listeners = new CopyOnWriteArrayList<>();
  private PolicySet published;
  private UnaryOperator<PolicySet> overlay = UnaryOperator.identity();

  public PolicySet current() {
    PolicySet set = current.get();
    return set != null ? set : PolicySet.empty();
  }

  public boolean loaded() {
    return current.get() != null;
  }

  /** The set as loaded from files, without the overlay; null before the first publish. */
  public synchronized PolicySet published() {
    return published;
  }

  public void publish(PolicySet set) {
    synchronized (this) {
      published = set;
      current.set(overlay.apply(set));
    }
    for (Consumer<PolicySet> listener : listeners) {
      listener.accept(set);
    }
  }

  /** Applies {@code overlay} to the set in service now and to every set published later. */
  public synchronized void overlay(UnaryOperator<PolicySet> overlay) {
    this.overlay = overlay;
    if (published != null) {
      current.set(overlay.apply(published));
    }
  }

  /** Called with every set published from now on (as loaded, without the overlay). */
  public void onPublish(Consumer<PolicySet> listener) {
    listeners.add(listener);
  }
}
