package io.sparkgate.spark;

import com.google.protobuf.NullValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sizing of one driver or executor pod, as Spark computes it. Sizes are bytes. */
record RoleSizing(
    long cores,
    boolean coresSet,
    Long coreLimitMillis,
    Long coreRequestMillis,
    long memoryBytes,
    boolean memorySet,
    long overheadBytes,
    long containerMemoryBytes) {

  /** The CEL map of the role: every key present, CEL null where a value is not set. */
  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("cores", cores);
    map.put("coresSet", coresSet);
    map.put("coreLimitMillis", orNull(coreLimitMillis));
    map.put("coreRequestMillis", orNull(coreRequestMillis));
    map.put("memoryBytes", memoryBytes);
    map.put("memorySet", memorySet);
    map.put("overheadBytes", overheadBytes);
    map.put("containerMemoryBytes", containerMemoryBytes);
    return map;
  }

  static Object orNull(Long value) {
    return value == null ? NullValue.NULL_VALUE : value;
  }
}
