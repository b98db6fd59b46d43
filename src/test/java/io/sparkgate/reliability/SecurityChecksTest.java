package io.sparkgate.reliability;

import io.sparkgate.testing.Reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.PolicySetLoader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS 1.2+ with forward-secret AEAD suites only; the admin port apart and bindable to loopback;
 * policies that reach for files, the network, the environment or Java do not compile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityChecksTest {
  @TempDir static Path dir;
  ReliabilityServer server;
  RawHttps https;

  @BeforeAll
  void start() throws Exception {
    server = ReliabilityServer.start(dir, Reviews.REPLICAS_POLICY);
    https = new RawHttps(server.ca(), server.port());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void tls11IsRefused() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(clientHello(0x0302, new int[] {0xC013, 0xC009, 0xC02B, 0xC02F}));
      socket.getOutputStream().flush();
      byte[] reply = readSome(socket.getInputStream());
      boolean serverHello = reply.length > 5 && reply[0] == 0x16 && reply[5] == 0x02;
      assertThat(serverHello).as("the server must not answer a TLS 1.1 ClientHello with a ServerHello").isFalse();
      if (reply.length > 0) {
        assertThat(reply[0]).as("a TLS alert").isEqualTo((byte) 0x15);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"})
  void cbcAndRsaKeyExchangeSuitesAreRefused(String suite) throws Exception {
    assertThatThrownBy(() -> handshake("TLSv1.2", suite)).isInstanceOf(SSLHandshakeException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2/TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLSv1.3/TLS_AES_128_GCM_SHA256"})
  void modernSuitesAreServed(String protocolAndSuite) throws Exception {
    String[] parts = protocolAndSuite.split("/");
    assertThat(handshake(parts[0], parts[1])).isEqualTo(parts[1]);
  }

  private String handshake(String protocol, String suite) throws Exception {
    try (SSLSocket socket = (SSLSocket) RawHttps.trusting(server.ca()).getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(5_000);
      socket.setEnabledProtocols(new String[] {protocol});
      socket.setEnabledCipherSuites(new String[] {suite});
      socket.startHandshake();
      return socket.getSession().getCipherSuite();
    }
  }

  @Test
  void theAdminPortIsSeparateAndOnlyOnLoopbackWhenBoundThere() throws Exception {
    assertThat(server.server.adminPort()).isNotEqualTo(server.port());
    assertThat(new AdminProbe(server.server.adminPort()).healthy()).isTrue();
    assertThat(https.exchange(RawHttps.request("GET", "/healthz", null, new byte[0]), Duration.ofSeconds(5)).status())
        .as("health is not served on the webhook port").isEqualTo(404);
    Optional<InetAddress> external = nonLoopbackAddress();
    Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
    try (Socket socket = new Socket()) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), server.server.adminPort()), 2_000))
          .as("admin port bound to 127.0.0.1 is not reachable on " + external.get())
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void theAdminPortRefusesTheCleartextHttp2Upgrade() throws Exception {
    // the JDK client asks for h2c on http:// unless told otherwise; the admin port stays on HTTP/1.1
    java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.server.adminPort() + "/metrics"))
            .timeout(Duration.ofSeconds(10)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
    assertThat(metrics.body()).contains("sparkgate_");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "file('/etc/passwd') != ''", "readFile('/etc/passwd').size() > 0", "env('HOME') != ''",
      "os.getenv('HOME') != ''", "System.getenv('HOME') != ''", "http.get('http://127.0.0.1:1/') != ''",
      "net.dial('127.0.0.1:22')", "exec('id') != ''", "object.getClass().getName() != ''",
      "java.lang.Runtime.getRuntime().exec('id') != null", "dyn(object).toString() != ''",
      "import('os') != null", "url('http://127.0.0.1/').fetch() != ''", "load('file:///etc/passwd') != ''"})
  void policiesCannotReachFilesTheNetworkTheEnvironmentOrJava(String expression) {
    String policy = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: escape}
        spec:
          matchConstraints:
            resourceRules:
            - {apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}
          validations:
          - expression: "%s"
        """.formatted(expression);
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard())
        .compile(Map.of(Path.of("escape.yaml"), policy), new ArrayList<>());
    assertThat(result.hasErrors()).as(expression + " must not compile").isTrue();
    assertThat(result.errors().get(0).toString()).containsAnyOf("undeclared reference", "found no matching overload",
        "undefined field", "Syntax error", "mismatched input", "extraneous input", "reserved identifier");
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(network.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress() && network.isUp()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }

  private static byte[] readSome(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      int n = in.read(buffer);
      if (n > 0) {
        out.write(buffer, 0, n);
      }
    } catch (Exception closedOrReset) {
      // refused by closing
    }
    return out.toByteArray();
  }

  /** A minimal ClientHello record of the given version offering the given suites (P-256, uncompressed points). */
  static byte[] clientHello(int version, int[] suites) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(version >> 8);
    body.write(version & 0xFF);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    body.writeBytes(random);
    body.write(0); // no session id
    body.write(0);
    body.write(suites.length * 2);
    for (int suite : suites) {
      body.write(suite >> 8);
      body.write(suite & 0xFF);
    }
    body.write(1); // compression: null
    body.write(0);
    byte[] extensions = {0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17, 0x00, 0x0b, 0x00, 0x02, 0x01, 0x00};
    body.write(0);
    body.write(extensions.length);
    body.writeBytes(extensions);
    byte[] hello = body.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    int handshakeLength = hello.length + 4;
    record.writeBytes(new byte[] {0x16, (byte) (version >> 8), (byte) (version & 0xFF),
        (byte) (handshakeLength >> 8), (byte) handshakeLength, 0x01, 0x00, (byte) (hello.length >> 8), (byte) hello.length});
    record.writeBytes(hello);
    return record.toByteArray();
  }
}
