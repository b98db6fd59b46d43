package io.sparkgate.spark;

/**
 * Where a field of a SparkTenant is: its dotted name for messages ({@code spec.residency.regions[0]})
 * and its JSON pointer for source positions ({@code /spec/residency/regions/0}).
 */
record TenantField(String name, String pointer) {
  static final TenantField SPEC = new TenantField("spec", "/spec");

  TenantField child(String key) {
    return new TenantField(name + "." + key, pointer + "/" + key.replace("~", "~0").replace("/", "~1"));
  }

  TenantField item(int index) {
    return new TenantField(name + "[" + index + "]", pointer + "/" + index);
  }
}
