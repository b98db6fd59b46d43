package io.sparkgate.reliability;

import io.sparkgate.server.RequestTrace;
import io.sparkgate.server.ServerConfig;
import io.sparkgate.server.SparkgateServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A real Sparkgate server in this JVM, on free loopback ports, with a policy directory of its own. */
final class ReliabilityServer implements AutoCloseable {
  final Path dir;
  final Path policies;
  final Path certs;
  final SparkgateServer server;

  private ReliabilityServer(Path dir, Path policies, Path certs, SparkgateServer server) {
    this.dir = dir;
    this.policies = policies;
    this.certs = certs;
    this.server = server;
  }

  /** Two event loops, 7 MiB bodies, nesting 100, policy reload every 200 ms, then {@code tweak}. */
  static ReliabilityServer start(Path dir, String policyYaml, UnaryOperator<ServerConfig> tweak) throws Exception {
    return start(dir, policyYaml, tweak, RequestTrace.NONE);
  }

  /** As above, with every request's steps reported to {@code trace}. */
  static ReliabilityServer start(Path dir, String policyYaml, UnaryOperator<ServerConfig> tweak, RequestTrace trace)
      throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(policies.resolve("policy.yaml"), policyYaml);
    Path certs = dir.resolve("certs");
    ServerConfig config = tweak.apply(ServerConfig.local(policies, certs, freePort(), freePort())
        .withLimits(ServerConfig.DEFAULT_MAX_BODY_BYTES, 100, 200)
        .withInstances(2));
    SparkgateServer server = new SparkgateServer(config).withRequestTrace(trace);
    server.start();
    return new ReliabilityServer(dir, policies, certs, server);
  }

  static ReliabilityServer start(Path dir, String policyYaml) throws Exception {
    return start(dir, policyYaml, UnaryOperator.identity());
  }

  int port() {
    return server.port();
  }

  Path ca() {
    return certs.resolve("ca.crt");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
