package io.sparkgate.spark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The estimated cost of one run of an application, the value of {@code spark.cost}. An unbounded
 * estimate (dynamic allocation without maxExecutors) has no amount, and says what to set.
 */
record CostEstimate(
    String currency,
    long micros,
    String breakdown,
    String unbounded,
    Long runsPerMonth) {

  boolean bounded() {
    return unbounded.isEmpty();
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("bounded", bounded());
    map.put("unbounded", unbounded);
    map.put("currency", currency);
    map.put("micros", micros);
    map.put("amount", bounded() ? Money.format(micros, currency) : "unbounded");
    map.put("breakdown", breakdown);
    map.put("runsPerMonth", RoleSizing.orNull(runsPerMonth));
    Long monthly =
        runsPerMonth == null || !bounded() ? null : Saturating.multiply(micros, runsPerMonth);
    map.put("monthlyMicros", RoleSizing.orNull(monthly));
    map.put("monthlyAmount", monthly == null ? RoleSizing.orNull(null) : Money.format(monthly, currency));
    return map;
  }
}
