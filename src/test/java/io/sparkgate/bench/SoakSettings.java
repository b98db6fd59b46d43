package io.sparkgate.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a soak. {@code rate} NaN: half of the capacity measured in a closed loop of
 * {@code capacityRun} first.
 */
public record SoakSettings(
    Path policies,
    Path fixtures,
    Duration length,
    Duration sampleEvery,
    Duration changeEvery,
    double rate,
    Duration warmup,
    Duration capacityRun,
    int connections,
    String heap) {}
