package io.sparkgate.evaluate;

/**
 * Kubernetes' limits on CEL cost (k8s.io/apiserver/pkg/apis/cel), in its units (about 50 ns each
 * on the API server's hardware). Counting them instead of time makes a decision the same on any
 * machine, however loaded.
 */
public final class CostLimits {
  /** One expression's evaluation ({@code PerCallLimit}). */
  public static final long PER_EXPRESSION = 1_000_000;
  /**
   * The validations, then the messageExpressions, of one binding and param object; again its
   * auditAnnotations; each mutation ({@code RuntimeCELCostBudget}).
   */
  public static final long PER_BINDING = 10_000_000;
  /** The matchConditions of one binding and param object ({@code RuntimeCELCostBudgetMatchConditions}). */
  public static final long MATCH_CONDITIONS = 2_500_000;

  private CostLimits() {}
}
