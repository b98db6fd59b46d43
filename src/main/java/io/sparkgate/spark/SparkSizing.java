package io.sparkgate.spark;

import java.util.Optional;

/**
 * Computes driver and executor sizing of an application as Spark on Kubernetes does, from the
 * kubeflow spec fields and the Spark configuration.
 */
final class SparkSizing {

  static final long DEFAULT_CORES = 1;
  static final long DEFAULT_MEMORY_MIB = 1024; // spark.driver.memory / spark.executor.memory: 1g
  /** Spark on Kubernetes starts 2 executors when spark.executor.instances is not set. */
  static final long DEFAULT_EXECUTOR_INSTANCES = 2;

  private final SparkAppObject app;

  SparkSizing(SparkAppObject app) {
    this.app = app;
  }

  RoleSizing role(SparkRole role) {
    Optional<Setting> coresSetting = app.setting(role.label(), "cores", role.key("cores"));
    long cores = coresSetting.map(s -> SettingValues.count(s, "cores")).orElse(DEFAULT_CORES);
    Long coreLimit =
        app.setting(role.label(), "coreLimit", role.kubernetesKey("limit.cores"))
            .map(SettingValues::millicores)
            .orElse(null);
    Long coreRequest =
        app.setting(role.label(), "coreRequest", role.kubernetesKey("request.cores"))
            .map(SettingValues::millicores)
            .orElse(null);

    Optional<Setting> memorySetting = app.setting(role.label(), "memory", role.key("memory"));
    long memoryMiB = memorySetting.map(SettingValues::mebibytes).orElse(DEFAULT_MEMORY_MIB);
    long overheadMiB = overheadMiB(role, memoryMiB);
    long containerMiB = Saturating.add(memoryMiB, overheadMiB);
    if (role == SparkRole.EXECUTOR) {
      containerMiB = Saturating.add(containerMiB, offHeapMiB());
      containerMiB = Saturating.add(containerMiB, pysparkMiB());
    }
    return new RoleSizing(
        cores,
        coresSetting.isPresent(),
        coreLimit,
        coreRequest,
        memoryMiB * SparkMemory.MIB,
        memorySetting.isPresent(),
        overheadMiB * SparkMemory.MIB,
        Saturating.multiply(containerMiB, SparkMemory.MIB));
  }

  ExecutorCount executors() {
    Optional<Setting> instancesSetting =
        app.setting("executor", "instances", "spark.executor.instances");
    long instances =
        instancesSetting
            .map(s -> SettingValues.count(s, "executors"))
            .orElse(DEFAULT_EXECUTOR_INSTANCES);
    boolean specEnabled =
        app.specField("dynamicAllocation", "enabled").map(SettingValues::bool).orElse(false);
    boolean confEnabled =
        app.conf().get("spark.dynamicAllocation.enabled").map(SettingValues::bool).orElse(false);
    Optional<Setting> maxSetting =
        specEnabled
            ? app.specField("dynamicAllocation", "maxExecutors")
            : Optional.empty();
    if (maxSetting.isEmpty()) {
      maxSetting = app.conf().get("spark.dynamicAllocation.maxExecutors");
    }
    Long maxExecutors = maxSetting.map(s -> SettingValues.count(s, "executors")).orElse(null);
    boolean dynamic = specEnabled || confEnabled;
    long effective = instances;
    if (dynamic) {
      // Unbounded dynamic allocation counts as int64 max, so that totals exceed any limit.
      effective = maxExecutors == null ? Long.MAX_VALUE : Math.max(instances, maxExecutors);
    }
    return new ExecutorCount(effective, instancesSetting.isPresent(), dynamic, maxExecutors);
  }

  /**
   * The explicit overhead, else max(factor × memory, floor). The default factor is the
   * deprecated {@code spark.kubernetes.memoryOverheadFactor} (which kubeflow's
   * spec.memoryOverheadFactor sets, before sparkConf, so sparkConf wins), else 0.1 for JVM and
   * 0.4 for non-JVM applications; the driver propagates it to the executors, and a role's own
   * {@code spark.<role>.memoryOverheadFactor} (Spark 3.4+) overrides it.
   */
  private long overheadMiB(SparkRole role, long memoryMiB) {
    Optional<Setting> explicit =
        app.setting(role.label(), "memoryOverhead", role.key("memoryOverhead"));
    if (explicit.isPresent()) {
      return SettingValues.mebibytes(explicit.get());
    }
    Optional<Setting> factorSetting = app.conf().get(role.key("memoryOverheadFactor"));
    if (factorSetting.isEmpty()) {
      factorSetting = app.conf().get("spark.kubernetes.memoryOverheadFactor");
    }
    if (factorSetting.isEmpty()) {
      factorSetting = app.specField("", "memoryOverheadFactor");
    }
    double factor =
        factorSetting
            .map(SettingValues::factor)
            .orElse(app.type().isJvm() ? MemoryOverhead.JVM_FACTOR : MemoryOverhead.NON_JVM_FACTOR);
    long floorMiB =
        app.conf()
            .get(role.key("minMemoryOverhead"))
            .map(SettingValues::mebibytes)
            .orElse(MemoryOverhead.DEFAULT_FLOOR_MIB);
    return MemoryOverhead.mebibytes(memoryMiB, factor, floorMiB);
  }

  /** spark.executor.pyspark.memory, which Spark adds to Python executors only. */
  private long pysparkMiB() {
    if (app.type() != SparkAppType.PYTHON) {
      return 0;
    }
    return app.conf()
        .get("spark.executor.pyspark.memory")
        .map(SettingValues::mebibytes)
        .orElse(0L);
  }

  /** spark.memory.offHeap.size (bytes unless suffixed) when off-heap memory is enabled. */
  private long offHeapMiB() {
    boolean enabled =
        app.conf().get("spark.memory.offHeap.enabled").map(SettingValues::bool).orElse(false);
    if (!enabled) {
      return 0;
    }
    Optional<Setting> size = app.conf().get("spark.memory.offHeap.size");
    long bytes = size.map(SettingValues::bytes).orElse(0L);
    if (bytes <= 0) {
      String field =
          size.map(Setting::field)
              .orElse(app.field("sparkConf[\"spark.memory.offHeap.size\"]"));
      throw new SparkValueException(
          field
              + " must be more than 0 when spark.memory.offHeap.enabled is true"
              + " (Spark refuses the application otherwise)");
    }
    return bytes / SparkMemory.MIB;
  }

  /** How many executors the application may run at most, and what decided it. */
  record ExecutorCount(long instances, boolean instancesSet, boolean dynamic, Long maxExecutors) {}
}
