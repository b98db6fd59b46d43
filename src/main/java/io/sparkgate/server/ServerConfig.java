package io.sparkgate.server;

import io.sparkgate.audit.AuditConfig;
import java.nio.file.Path;

/**
 * How the server runs; built from the command line. {@code audit} is null when auditing is off;
 * {@code clientCa} is null unless clients must present a certificate.
 */
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
    int instances,
    AuditConfig audit,
    Path clientCa,
    long shutdownMillis) {

  public static final long DEFAULT_MAX_BODY_BYTES = 7L * 1024 * 1024;

  /** A configuration for tests and tools: loopback, no audit, no client certificates. */
  public static ServerConfig local(Path policies, Path certs, int port, int adminPort) {
    return new ServerConfig(policies, certs, "127.0.0.1", port, "127.0.0.1", adminPort, DEFAULT_MAX_BODY_BYTES,
        100, 500_000_000L, 1000, "sparkgate", "sparkgate", 1, null, null, 10_000);
  }

  public ServerConfig withAudit(AuditConfig value) {
    return new ServerConfig(policies, certs, host, port, adminHost, adminPort, maxBodyBytes, maxNesting,
        evaluationBudgetNanos, reloadPeriodMillis, serviceName, namespace, instances, value, clientCa, shutdownMillis);
  }

  public ServerConfig withClientCa(Path value) {
    return new ServerConfig(policies, certs, host, port, adminHost, adminPort, maxBodyBytes, maxNesting,
        evaluationBudgetNanos, reloadPeriodMillis, serviceName, namespace, instances, audit, value, shutdownMillis);
  }

  public ServerConfig withLimits(long bodyBytes, int nesting, long reloadMillis) {
    return new ServerConfig(policies, certs, host, port, adminHost, adminPort, bodyBytes, nesting,
        evaluationBudgetNanos, reloadMillis, serviceName, namespace, instances, audit, clientCa, shutdownMillis);
  }
}
