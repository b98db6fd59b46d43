package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server starts only on a policy set that compiles, and then listens on nothing. */
class ServerStartupTest {
  @Test
  void aBrokenPolicySetStopsTheStartWithItsPositionAndFreesThePorts(@TempDir Path dir) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(policies.resolve("broken.yaml"), AdmissionServerTest.POLICY.replace(
        "object.spec.replicas <= 5", "object.spec.replicas <= ("));
    int port = TestServer.freePort();
    int adminPort = TestServer.freePort();
    SparkgateServer server = new SparkgateServer(ServerConfig.local(policies, dir.resolve("certs"), port, adminPort));

    assertThatThrownBy(server::start)
        .isInstanceOf(SparkgateServer.StartupException.class)
        .hasMessageContaining("do not compile")
        .hasMessageContaining(policies.resolve("broken.yaml") + ":9:42: mismatched input");
    try (ServerSocket webhook = new ServerSocket(port); ServerSocket admin = new ServerSocket(adminPort)) {
      assertThat(webhook.getLocalPort()).isEqualTo(port);
      assertThat(admin.getLocalPort()).isEqualTo(adminPort);
    }
  }
}
