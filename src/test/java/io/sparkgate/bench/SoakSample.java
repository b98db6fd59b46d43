package io.sparkgate.bench;

import java.time.Duration;

/**
 * One soak sample: the load since the previous sample (client side) and the server's state right
 * after a full garbage collection. {@code changes} lists what was changed since the previous one.
 */
record SoakSample(
    Duration at,
    long requests,
    long errors,
    double p99Millis,
    double maxMillis,
    double heapAfterGcMiB,
    double liveThreads,
    double openFileDescriptors,
    double auditQueue,
    String changes) {}
