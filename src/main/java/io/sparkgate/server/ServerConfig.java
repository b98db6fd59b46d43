package io.sparkgate.server;

import io.sparkgate.audit.AuditConfig;
import io.sparkgate.evaluate.SafetyNet;
import java.nio.file.Path;

/**
 * How the server runs; built from the command line. {@code audit} is null when auditing is off;
 * {@code clientCa} is null unless clients must present a certificate. {@code maxInFlight} bounds the
 * admission requests the server works on at once; one more is answered at once with HTTP 429.
 * {@code evaluationBudgetNanos} is the wall-clock safety net of one request's evaluation.
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
    long shutdownMillis,
    int maxInFlight) {

  public static final long DEFAULT_MAX_BODY_BYTES = 7L * 1024 * 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;

  public ServerConfig {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("--max-in-flight must be at least 1, got " + maxInFlight);
    }
  }

  /** A configuration for tests and tools: loopback, no audit, no client certificates. */
  public static ServerConfig local(Path policies, Path certs, int port, int adminPort) {
    return new ServerConfig(policies, certs, "127.0.0.1", port, "127.0.0.1", adminPort, DEFAULT_MAX_BODY_BYTES,
        100, SafetyNet.DEFAULT_LIMIT_NANOS, 1000, "sparkgate", "sparkgate", 1, null, null, 10_000, DEFAULT_MAX_IN_FLIGHT);
  }

  public ServerConfig withAudit(AuditConfig value) {
    return new ServerConfig(policies, certs, host, port, adminHost, adminPort, maxBodyBytes, maxNesting,
        evaluationBudgetNanos, reloadPeriodMillis, serviceName, namespace, instances, value, clientCa, shutdownMillis, maxInFlight);
  }

  public ServerConfig withClientCa(Path value) {
    return new ServerConfig(policies, certs, host, port, adminHost, adminPort, maxBodyBytes, maxNesting,
        evaluationBudgetNanos, reloadPeriodMillis, serviceName, namespace, instances, audit, value, shutdownMillis, maxInFlight);
  }

  public ServerConfig withLimits(long bodyBytes, int nesting, long reloadMillis) {
    return new ServerConfig(policies, certs, host, port, adminHost, adminPort, bodyBytes, nesting,
        evaluationBudgetNanos, reloadMillis, serviceName, namespace, instances, audit, clientCa, shutdownMillis, maxInFlight);
  }

  public ServerConfig withMaxInFlight(int value) {
    return new ServerConfig(policies, certs, host, port, adminHost, adminPort, maxBodyBytes, maxNesting,
        evaluationBudgetNanos, reloadPeriodMillis, serviceName, namespace, instances, audit, clientCa, shutdownMillis,
        value);
  }

  public ServerConfig withInstances(int value) {
    return new ServerConfig(policies, certs, host, port, adminHost, adminPort, maxBodyBytes, maxNesting,
        evaluationBudgetNanos, reloadPeriodMillis, serviceName, namespace, value, audit, clientCa, shutdownMillis,
        maxInFlight);
  }

  /** The same settings on another address (the warm-up's private listener). */
  public ServerConfig withListener(String newHost, int newPort) {
    return new ServerConfig(policies, certs, newHost, newPort, adminHost, adminPort, maxBodyBytes, maxNesting,
        evaluationBudgetNanos, reloadPeriodMillis, serviceName, namespace, instances, audit, clientCa, shutdownMillis,
        maxInFlight);
  }
}
