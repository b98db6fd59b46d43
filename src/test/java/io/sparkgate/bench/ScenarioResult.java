package io.sparkgate.bench;

/**
 * What one scenario measured: the first seconds after ready (null when not measured), saturation,
 * a steady rate, the server's own view, heap, start-up.
 */
record ScenarioResult(
    Scenario scenario,
    LoadResult first,
    LoadResult saturation,
    LoadResult steady,
    double serverP50Micros,
    double serverP99Micros,
    double maxHeapMiB,
    long readyMillis) {}
