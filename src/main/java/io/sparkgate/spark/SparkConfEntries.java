package io.sparkgate.spark;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Spark configuration an application declares: {@code spec.sparkConf}, then (kubeflow)
 * {@code spec.hadoopConf} as {@code spark.hadoop.<key>}. The kubeflow operator passes hadoopConf
 * after sparkConf to spark-submit, so a hadoopConf entry wins over the same sparkConf key.
 */
final class SparkConfEntries {

  private static final String HADOOP_PREFIX = "spark.hadoop.";

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> fields = new LinkedHashMap<>();

  private SparkConfEntries() {}

  static SparkConfEntries read(Map<?, ?> spec, String specPath, boolean withHadoopConf) {
    SparkConfEntries conf = new SparkConfEntries();
    conf.addAll(spec, specPath + ".sparkConf", "sparkConf", "");
    if (withHadoopConf) {
      conf.addAll(spec, specPath + ".hadoopConf", "hadoopConf", HADOOP_PREFIX);
    }
    return conf;
  }

  /** The setting of a Spark key, or empty when the application does not set it. */
  Optional<Setting> get(String key) {
    String value = values.get(key);
    return value == null ? Optional.empty() : Optional.of(new Setting(fields.get(key), value));
  }

  /** Every entry as a string, in the order the object lists them. */
  Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  private void addAll(Map<?, ?> spec, String mapField, String mapKey, String keyPrefix) {
    Optional<Map<?, ?>> entries = JsonTypes.map(spec, mapKey, mapField);
    if (entries.isEmpty()) {
      return;
    }
    for (Map.Entry<?, ?> entry : entries.get().entrySet()) {
      String key = String.valueOf(entry.getKey());
      String field = mapField + "[" + ValueText.quote(key) + "]";
      Object value = entry.getValue();
      if (JsonTypes.isNull(value)) {
        continue;
      }
      String fullKey = keyPrefix + key;
      values.put(fullKey, asText(field, value));
      fields.put(fullKey, field);
    }
  }

  private static String asText(String field, Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Double number && !number.isNaN() && !number.isInfinite()) {
      return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
    throw new SparkValueException(
        field + " is " + JsonTypes.typeName(value) + ", expected a string");
  }
}
