package io.sparkgate.bench;

/** One server configuration the benchmark runs the same load against. */
record Scenario(String name, String description, boolean policies, boolean audit, int extraTenants) {}
