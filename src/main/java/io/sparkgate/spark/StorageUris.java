package io.sparkgate.spark;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code scheme://} URI a Spark application references, the value of {@code
 * spark.storageUris(object)}: the main application file, dependencies, application arguments,
 * and every Spark and Hadoop configuration value. Schemeless paths are not URIs and are left out.
 * The order is the order found (fields in the order below, configuration in the object's order),
 * without duplicates.
 */
public final class StorageUris {

  /**
   * More URIs than this fail rather than being cut: a policy that checks every URI must not pass
   * because the one it would refuse was dropped.
   */
  static final int MAX_URIS = 10_000;

  private static final List<String> KUBEFLOW_DEPENDENCIES =
      List.of("jars", "files", "pyFiles", "archives");
  /** The Apache operator's comma-separated dependency strings. */
  private static final List<String> APACHE_DEPENDENCIES =
      List.of("jars", "pyFiles", "files", "sparkRFiles");

  private final SparkAppObject app;
  private final Set<String> uris = new LinkedHashSet<>();

  private StorageUris(SparkAppObject app) {
    this.app = app;
  }

  /**
   * The URIs of an application object.
   *
   * @throws SparkValueException when the object is not a Spark application of a known kind, a
   *     field has the wrong type, or it holds more than {@value #MAX_URIS} URIs
   */
  public static List<String> of(Object object) {
    StorageUris collector = new StorageUris(SparkAppObject.of(object));
    collector.collect();
    return List.copyOf(collector.uris);
  }

  private void collect() {
    Map<?, ?> spec = app.spec();
    JsonTypes.string(spec, "mainApplicationFile", app.field("mainApplicationFile"))
        .ifPresent(this::scan);
    if (app.operator() == SparkOperator.KUBEFLOW) {
      Optional<Map<?, ?>> deps = JsonTypes.map(spec, "deps", app.field("deps"));
      for (String key : KUBEFLOW_DEPENDENCIES) {
        deps.ifPresent(map -> scanList(map, key, app.field("deps." + key)));
      }
      scanList(spec, "arguments", app.field("arguments"));
    } else {
      for (String key : APACHE_DEPENDENCIES) {
        JsonTypes.string(spec, key, app.field(key)).ifPresent(this::scan);
      }
      scanList(spec, "driverArgs", app.field("driverArgs"));
    }
    app.conf().asMap().values().forEach(this::scan);
  }

  private void scanList(Map<?, ?> parent, String key, String field) {
    Optional<Object> value = JsonTypes.value(parent, key);
    if (value.isEmpty()) {
      return;
    }
    if (!(value.get() instanceof List<?> list)) {
      throw new SparkValueException(
          field + " is " + JsonTypes.typeName(value.get()) + ", expected a list of strings");
    }
    int index = 0;
    for (Object entry : list) {
      if (entry instanceof String text) {
        scan(text);
      } else if (entry instanceof List<?> || entry instanceof Map<?, ?>) {
        throw new SparkValueException(
            field + "[" + index + "] is " + JsonTypes.typeName(entry) + ", expected a string");
      }
      index++;
    }
  }

  private void scan(String text) {
    UriScanner.scan(text, this::add);
  }

  private void add(String uri) {
    if (uris.add(uri) && uris.size() > MAX_URIS) {
      throw new SparkValueException("the application references more than " + MAX_URIS + " URIs");
    }
  }
}
