package io.sparkgate.evaluate;

/**
 * What one stage of a binding's evaluation (its matchConditions, validations, auditAnnotations,
 * one mutation) may still spend. Each expression's cost is charged when it ends, a lazily
 * evaluated variable's to the stage that first reads it; the stage is out of budget once the
 * charges exceed its limit, as Kubernetes checks after each expression.
 */
public final class CostBudget {
  private long remaining;

  public CostBudget(long limit) {
    this.remaining = limit;
  }

  void charge(long cost) {
    remaining -= cost;
  }

  boolean exhausted() {
    return remaining < 0;
  }
}
