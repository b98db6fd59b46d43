package io.sparkgate.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts a real server on free loopback ports with a policy directory of the test's own. */
final class TestServer implements AutoCloseable {
  final Path policies;
  final Path certs;
  final SparkgateServer server;

  private TestServer(Path policies, Path certs, SparkgateServer server) {
    this.policies = policies;
    this.certs = certs;
    this.server = server;
  }

  static TestServer start(Path dir, String policyYaml, long maxBodyBytes) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(policies.resolve("policy.yaml"), policyYaml);
    Path certs = dir.resolve("certs");
    return start(dir, policyYaml, ServerConfig.local(policies, certs, freePort(), freePort())
        .withLimits(maxBodyBytes, 50, 200));
  }

  static TestServer start(Path dir, String policyYaml, ServerConfig config) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(policies.resolve("policy.yaml"), policyYaml);
    SparkgateServer server = new SparkgateServer(config);
    server.start();
    return new TestServer(policies, config.certs(), server);
  }

  /** A server the test started itself. */
  static TestServer wrap(Path policies, Path certs, SparkgateServer server) {
    return new TestServer(policies, certs, server);
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
