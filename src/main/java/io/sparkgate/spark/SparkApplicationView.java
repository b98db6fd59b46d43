package io.sparkgate.spark;

import io.sparkgate.cel.JsonValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The normalised sizing of a Spark application, the value of {@code spark.app(object)}: the same
 * map for kubeflow {@code SparkApplication} and {@code ScheduledSparkApplication} and for the
 * Apache operator's {@code SparkApplication}, so that policies need not know where a setting was
 * written. See docs/spark-cel.md for the keys and the Spark rules behind each.
 */
public final class SparkApplicationView {

  private SparkApplicationView() {}

  /**
   * The view of an application object, built once per request for the request's {@code object}
   * however many policies ask for it (the view depends on the object alone and is immutable).
   */
  static Map<String, Object> ofRequestObject(Object object) {
    return JsonValues.derivedOnce(object, SparkApplicationView.class, SparkApplicationView::of);
  }

  /**
   * The view of an application object.
   *
   * @throws SparkValueException when the object is not a Spark application of a known kind, or
   *     a sizing value cannot be read as Spark would read it
   */
  public static Map<String, Object> of(Object object) {
    SparkAppObject app = SparkAppObject.of(object);
    SparkSizing sizing = new SparkSizing(app);
    RoleSizing driver = sizing.role(SparkRole.DRIVER);
    RoleSizing executor = sizing.role(SparkRole.EXECUTOR);
    SparkSizing.ExecutorCount executors = sizing.executors();

    Map<String, Object> executorMap = executor.toMap();
    executorMap.put("instances", executors.instances());
    executorMap.put("instancesSet", executors.instancesSet());

    Map<String, Object> view = new LinkedHashMap<>();
    view.put("operator", app.operator().text());
    view.put("type", app.type().text());
    view.put("driver", Collections.unmodifiableMap(driver.toMap()));
    view.put("executor", Collections.unmodifiableMap(executorMap));
    view.put("dynamicAllocation", executors.dynamic());
    view.put("maxExecutors", RoleSizing.orNull(executors.maxExecutors()));
    view.put(
        "totalCores",
        Saturating.add(driver.cores(), Saturating.multiply(executor.cores(), executors.instances())));
    view.put(
        "totalMemoryBytes",
        Saturating.add(
            driver.containerMemoryBytes(),
            Saturating.multiply(executor.containerMemoryBytes(), executors.instances())));
    view.put("sparkConf", app.conf().asMap());
    view.put("fields", Collections.unmodifiableMap(sizing.fields()));
    return Collections.unmodifiableMap(view);
  }
}
