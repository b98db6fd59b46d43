package io.sparkgate.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

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
  private final Map<String, String> fields = new LinkedHashMap<>();

  SparkSizing(SparkAppObject app) {
    this.app = app;
  }

  /**
   * The field each value was taken from, for messages: keys {@code driverCores}, {@code
   * driverCoreLimit}, {@code driverMemory}, the same for the executor, and {@code
   * executorInstances}; filled as {@link #role} and {@link #executors} compute them.
   */
  Map<String, String> fields() {
    return fields;
  }

  RoleSizing role(SparkRole role) {
    Optional<Setting> coresSetting =
        effective(role, "Cores", "cores", role.key("cores"), s -> SettingValues.count(s, "cores"));
    long cores = coresSetting.map(s -> SettingValues.count(s, "cores")).orElse(DEFAULT_CORES);
    Optional<Setting> coreLimitSetting =
        effective(
            role,
            "CoreLimit",
            "coreLimit",
            role.kubernetesKey("limit.cores"),
            SettingValues::millicores);
    Long coreLimit = coreLimitSetting.map(SettingValues::millicores).orElse(null);
    if (coreLimit == null) {
      Optional<Setting> templateLimit = PodTemplateResources.cpuLimit(app, role);
      templateLimit.ifPresent(s -> fields.put(role.label() + "CoreLimit", s.field()));
      coreLimit = templateLimit.map(SettingValues::millicores).orElse(null);
    }
    Long coreRequest =
        EffectiveSetting.larger(
                app,
                role.label(),
                "coreRequest",
                role.kubernetesKey("request.cores"),
                SettingValues::millicores)
            .map(e -> SettingValues.millicores(e.setting()))
            .orElse(null);

    Optional<Setting> memorySetting =
        effective(role, "Memory", "memory", role.key("memory"), SettingValues::mebibytes);
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
        effective(
            SparkRole.EXECUTOR,
            "Instances",
            "instances",
            "spark.executor.instances",
            s -> SettingValues.count(s, "executors"));
    long instances =
        instancesSetting
            .map(s -> SettingValues.count(s, "executors"))
            .orElse(DEFAULT_EXECUTOR_INSTANCES);
    boolean specEnabled =
        app.specField("dynamicAllocation", "enabled").map(SettingValues::bool).orElse(false);
    boolean confEnabled =
        app.conf().get("spark.dynamicAllocation.enabled").map(SettingValues::bool).orElse(false);
    Optional<EffectiveSetting> max =
        specEnabled
            ? EffectiveSetting.larger(
                app,
                "dynamicAllocation",
                "maxExecutors",
                "spark.dynamicAllocation.maxExecutors",
                s -> SettingValues.count(s, "executors"))
            : app.conf()
                .get("spark.dynamicAllocation.maxExecutors")
                .map(
                    s ->
                        new EffectiveSetting(
                            s, EffectiveSetting.SPARK_CONF + "spark.dynamicAllocation.maxExecutors"));
    Optional<Setting> maxSetting = max.map(EffectiveSetting::setting);
    Long maxExecutors = maxSetting.map(s -> SettingValues.count(s, "executors")).orElse(null);
    boolean dynamic = specEnabled || confEnabled;
    if (dynamic) {
      fields.put(
          "executorInstances",
          max.map(EffectiveSetting::name)
              .orElse(
                  EffectiveSetting.defaultName(
                      app, "dynamicAllocation", "maxExecutors", "spark.dynamicAllocation.maxExecutors")));
    }
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
        EffectiveSetting.larger(
                app, role.label(), "memoryOverhead", role.key("memoryOverhead"), SettingValues::mebibytes)
            .map(EffectiveSetting::setting);
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

  /** The effective setting of a role's value, its field recorded under {@code <role><Name>}. */
  private Optional<Setting> effective(
      SparkRole role, String name, String specKey, String sparkKey, ToLongFunction<Setting> read) {
    Optional<EffectiveSetting> chosen =
        EffectiveSetting.larger(app, role.label(), specKey, sparkKey, read);
    fields.put(
        role.label() + name,
        chosen
            .map(EffectiveSetting::name)
            .orElse(EffectiveSetting.defaultName(app, role.label(), specKey, sparkKey)));
    return chosen.map(EffectiveSetting::setting);
  }

  /** How many executors the application may run at most, and what decided it. */
  record ExecutorCount(long instances, boolean instancesSet, boolean dynamic, Long maxExecutors) {}
}
