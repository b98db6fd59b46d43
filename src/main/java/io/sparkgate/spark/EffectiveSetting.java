package io.sparkgate.spark;

import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * One sizing value an application may write in two places: a kubeflow spec field and the Spark
 * key in sparkConf. The kubeflow operator passes both to spark-submit, where the last {@code
 * --conf} wins, and the order of its arguments has changed between operator releases (the spec
 * fields after sparkConf, and sparkConf entries after values the operator sets). So that a limit
 * cannot be bypassed by writing a second value where the running operator happens to read it, the
 * larger of the two values counts; on a tie the spec field is named.
 *
 * @param setting the value that counts, with the field it came from
 * @param name the field named in messages: {@code spec.executor.instances} or {@code sparkConf
 *     spark.executor.instances}
 */
record EffectiveSetting(Setting setting, String name) {

  static final String SPARK_CONF = "sparkConf ";

  /**
   * The larger of the spec field and the Spark key, read with {@code read}; empty when neither
   * is written. Both values are read, so a bad value is an error wherever it is written.
   */
  static Optional<EffectiveSetting> larger(
      SparkAppObject app,
      String section,
      String specKey,
      String sparkKey,
      ToLongFunction<Setting> read) {
    Optional<Setting> fromSpec = app.specField(section, specKey);
    Optional<Setting> fromConf = app.conf().get(sparkKey);
    String specName = app.field(section.isEmpty() ? specKey : section + "." + specKey);
    if (fromSpec.isEmpty()) {
      return fromConf.map(s -> new EffectiveSetting(s, SPARK_CONF + sparkKey));
    }
    if (fromConf.isEmpty()
        || read.applyAsLong(fromSpec.get()) >= read.applyAsLong(fromConf.get())) {
      return Optional.of(new EffectiveSetting(fromSpec.get(), specName));
    }
    return Optional.of(new EffectiveSetting(fromConf.get(), SPARK_CONF + sparkKey));
  }

  /** The field to name when neither place sets the value: the spec field, or for Apache the key. */
  static String defaultName(
      SparkAppObject app, String section, String specKey, String sparkKey) {
    return app.operator() == SparkOperator.KUBEFLOW
        ? app.field(section.isEmpty() ? specKey : section + "." + specKey)
        : SPARK_CONF + sparkKey;
  }
}
