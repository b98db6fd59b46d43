package io.sparkgate.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real {@code sparkgate serve} in a child JVM, and an HTTPS client that trusts its CA. */
final class ServerProcess implements AutoCloseable {
  final Path dir;
  final Path auditLog;
  final int port;
  final int adminPort;
  final Process process;
  private HttpClient client;

  private ServerProcess(Path dir, Path auditLog, int port, int adminPort, Process process) {
    this.dir = dir;
    this.auditLog = auditLog;
    this.port = port;
    this.adminPort = adminPort;
    this.process = process;
  }

  static ServerProcess start(Path dir, Path policies, String... extraArgs) throws Exception {
    return start(dir, policies, java.util.Map.of(), extraArgs);
  }

  /** With extra environment variables (e.g. credentials for the audit archive). */
  static ServerProcess start(Path dir, Path policies, java.util.Map<String, String> env, String... extraArgs)
      throws Exception {
    int port = freePort();
    int adminPort = freePort();
    Path auditLog = dir.resolve("audit").resolve("audit.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.sparkgate.cli.Main", "serve",
        "--policies", policies.toString(), "--certs", dir.resolve("certs").toString(),
        "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--admin-host", "127.0.0.1", "--admin-port", String.valueOf(adminPort),
        "--audit-log", auditLog.toString(), "--event-loops", "2"));
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    ServerProcess server = new ServerProcess(dir, auditLog, port, adminPort, process);
    server.awaitReady();
    return server;
  }

  private void awaitReady() throws Exception {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited: " + Files.readString(dir.resolve("server.log")));
      }
      try {
        HttpResponse<String> ready = plain.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + adminPort + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          client = httpsClient(dir.resolve("certs").resolve("ca.crt"));
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("server not ready in time: " + Files.readString(dir.resolve("server.log")));
  }

  static HttpClient httpsClient(Path ca) throws Exception {
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(ca)) {
      certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("sparkgate-ca", certificate);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  CompletableFuture<HttpResponse<String>> review(String body) {
    return client.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/validate"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
