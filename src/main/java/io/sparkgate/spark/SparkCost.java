package io.sparkgate.spark;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Optional;

/**
 * The estimate of one run: {@code hours × Σ over the driver and each executor of (cores ×
 * cpuCoreHour + memory GiB × memoryGiBHour + GPUs × gpuHour)}, on the sizing {@link SparkSizing}
 * computes for {@code spark.app}. Cores are the container's CPU limit (coreLimit, else cores);
 * memory is the container's memory (Spark memory plus overhead); executors are the most the
 * application may run (maxExecutors under dynamic allocation).
 */
public final class SparkCost {

  private static final BigDecimal MILLIS_PER_CORE = BigDecimal.valueOf(1000);
  private static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1L << 30);
  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  private SparkCost() {}

  /**
   * The estimate for a run of at most {@code seconds}, with the rates of a {@link RateCard} map.
   *
   * @throws SparkValueException when the object is not an application, a sizing value or a rate
   *     does not parse, or the duration is negative
   */
  public static Map<String, Object> estimate(Object object, Map<?, ?> rates, long seconds) {
    if (seconds < 0) {
      throw new SparkValueException("the duration of a run is negative: " + seconds + "s");
    }
    SparkAppObject app = SparkAppObject.of(object);
    RateCard card = RateCard.of(rates);
    SparkSizing sizing = new SparkSizing(app);
    Pod driver = pod(app, sizing, SparkRole.DRIVER);
    Pod executor = pod(app, sizing, SparkRole.EXECUTOR);
    SparkSizing.ExecutorCount executors = sizing.executors();
    Long runsPerMonth = app.schedule().map(SparkSchedule::runsPerMonth).orElse(null);
    BigDecimal hours = BigDecimal.valueOf(seconds).divide(SECONDS_PER_HOUR, MathContext.DECIMAL128);

    if (executors.instances() == Long.MAX_VALUE) {
      String breakdown = "driver " + driver.describe() + ", executors unbounded × " + executor.describe();
      return new CostEstimate(card.currency(), 0, breakdown, unboundedReason(app), runsPerMonth).toMap();
    }
    if (card.gpuHour() == null && (driver.gpus() > 0 || executor.gpus() > 0)) {
      throw new SparkValueException(
          "the application asks for GPUs and rates.gpuHour is not set: set spec.cost.rates.gpuHour"
              + " in the SparkTenant or the default rate card");
    }
    BigDecimal perHour =
        driver.perHour(card).add(executor.perHour(card).multiply(BigDecimal.valueOf(executors.instances())));
    long micros = Money.micros(perHour.multiply(hours));
    StringBuilder breakdown =
        new StringBuilder("driver ")
            .append(driver.describe())
            .append(", executors ")
            .append(executors.instances())
            .append(" × ")
            .append(executor.describe())
            .append(", ")
            .append(Money.plain(hours))
            .append(" h, rates ")
            .append(card.cpuCoreHour().toPlainString())
            .append("/core-hour ")
            .append(card.memoryGiBHour().toPlainString())
            .append("/GiB-hour");
    if (driver.gpus() > 0 || (executor.gpus() > 0 && executors.instances() > 0)) {
      breakdown.append(' ').append(card.gpuHour().toPlainString()).append("/GPU-hour");
    }
    return new CostEstimate(card.currency(), micros, breakdown.toString(), "", runsPerMonth).toMap();
  }

  private static String unboundedReason(SparkAppObject app) {
    String field =
        app.operator() == SparkOperator.KUBEFLOW
            ? app.field("dynamicAllocation.maxExecutors")
            : "sparkConf spark.dynamicAllocation.maxExecutors";
    return "dynamic allocation without a maximum number of executors: set " + field;
  }

  private static Pod pod(SparkAppObject app, SparkSizing sizing, SparkRole role) {
    RoleSizing size = sizing.role(role);
    BigDecimal cores =
        size.coreLimitMillis() != null
            ? BigDecimal.valueOf(size.coreLimitMillis()).divide(MILLIS_PER_CORE)
            : BigDecimal.valueOf(size.cores());
    BigDecimal gib = BigDecimal.valueOf(size.containerMemoryBytes()).divide(BYTES_PER_GIB);
    return new Pod(cores, gib, gpus(app, role));
  }

  /** The kubeflow {@code gpu.quantity} of the role, else {@code spark.<role>.resource.gpu.amount}. */
  private static long gpus(SparkAppObject app, SparkRole role) {
    Optional<Setting> quantity =
        app.specField(role.label(), "gpu")
            .flatMap(
                gpu ->
                    gpu.value() instanceof Map<?, ?> map
                        ? JsonTypes.value(map, "quantity")
                            .map(value -> new Setting(app.field(role.label() + ".gpu.quantity"), value))
                        : Optional.empty());
    if (quantity.isEmpty()) {
      quantity = app.conf().get(role.key("resource.gpu.amount"));
    }
    return quantity.map(setting -> SettingValues.count(setting, "GPUs")).orElse(0L);
  }

  /** One driver or executor pod as the estimate counts it. */
  private record Pod(BigDecimal cores, BigDecimal gib, long gpus) {

    BigDecimal perHour(RateCard card) {
      return cores.multiply(card.cpuCoreHour())
          .add(gib.multiply(card.memoryGiBHour()))
          .add(gpus == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(gpus).multiply(card.gpuHour()));
    }

    String describe() {
      String coreText = Money.plain(cores) + (cores.compareTo(BigDecimal.ONE) == 0 ? " core " : " cores ");
      String text = coreText + Money.plain(gib) + " GiB";
      return gpus == 0 ? text : text + " " + gpus + (gpus == 1 ? " GPU" : " GPUs");
    }
  }
}
