package io.sparkgate.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the values one tag of one meter can take. Past the cap a new value is recorded as
 * {@value #OTHER}: the count is kept, the series is not. Micrometer caches the pre-filter id of
 * the first meter only when several ids map to one meter, so values folded into "other" do not
 * grow the registry.
 */
final class TagValueCap implements MeterFilter {
  static final String OTHER = "other";

  private final String meterName;
  private final String tagKey;
  private final int maxValues;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  TagValueCap(String meterName, String tagKey, int maxValues) {
    this.meterName = meterName;
    this.tagKey = tagKey;
    this.maxValues = maxValues;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    if (!id.getName().equals(meterName)) {
      return id;
    }
    String value = id.getTag(tagKey);
    if (value == null || seen.contains(value)) {
      return id;
    }
    // a race can let a few more values than the cap in; the bound still holds
    if (seen.size() < maxValues) {
      seen.add(value);
      return id;
    }
    return id.replaceTags(Tags.of(id.getTagsAsIterable()).and(tagKey, OTHER));
  }
}
