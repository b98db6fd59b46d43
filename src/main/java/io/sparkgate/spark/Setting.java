package io.sparkgate.spark;

/**
 * One value an application sets, with the field it came from for error messages: {@code
 * spec.driver.memory} or {@code spec.sparkConf["spark.driver.memory"]}.
 */
record Setting(String field, Object value) {}
