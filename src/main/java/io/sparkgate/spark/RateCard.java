package io.sparkgate.spark;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What an hour of a core, of a GiB of memory and of a GPU costs, in one currency: the map a
 * policy passes to {@code spark.cost}, {@code {currency, cpuCoreHour, memoryGiBHour, gpuHour}}
 * with decimal strings. gpuHour may be missing (null here) when no application asks for GPUs.
 */
record RateCard(String currency, BigDecimal cpuCoreHour, BigDecimal memoryGiBHour, BigDecimal gpuHour) {

  static RateCard of(Map<?, ?> rates) {
    String currency =
        JsonTypes.string(rates, "currency", "rates.currency")
            .filter(text -> !text.isBlank())
            .orElseThrow(() -> new SparkValueException("rates.currency is missing"));
    return new RateCard(
        currency,
        rate(rates, "cpuCoreHour", true),
        rate(rates, "memoryGiBHour", true),
        rate(rates, "gpuHour", false));
  }

  private static BigDecimal rate(Map<?, ?> rates, String key, boolean required) {
    Object value = JsonTypes.value(rates, key).orElse(null);
    if (value == null) {
      if (required) {
        throw new SparkValueException("rates." + key + " is missing");
      }
      return null;
    }
    return Money.parse("rates." + key, value);
  }
}
