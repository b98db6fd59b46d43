package io.sparkgate.evaluate;

/**
 * One request's wall-clock deadline under its {@link SafetyNet}. Once passed, every expression
 * still to run fails at once. Used by the one thread that evaluates the request.
 */
public final class Deadline {
  /** Never passes: offline commands, benchmarks. */
  public static final Deadline NONE = new Deadline(null, 0);

  private final SafetyNet net;
  private final long startNanos;
  private boolean passed;

  Deadline(SafetyNet net, long startNanos) {
    this.net = net;
    this.startNanos = startNanos;
  }

  /** Throws {@link EvaluationCancelled} once the request has run past the net's limit. */
  void check() {
    if (net == null) {
      return;
    }
    if (!passed && net.now() - startNanos > net.limitNanos()) {
      passed = true;
      net.fired();
    }
    if (passed) {
      throw new EvaluationCancelled(Messages.deadlineExceeded(net.limitNanos() / 1_000_000));
    }
  }
}
