package io.sparkgate.server;

import java.nio.file.Path;

/** How the server runs; built from the command line. */
public record ServerConfig(
    Path policies,
    Path certs,
    String host,
    int port,
    String adminHost,
    int adminPort,
    long maxBodyBytes,
    int maxNesting,
    long evaluationBudgetNanos,
    long reloadPeriodMillis,
    String serviceName,
    String namespace,
    int instances) {

  public static final long DEFAULT_MAX_BODY_BYTES = 7L * 1024 * 1024;
}
