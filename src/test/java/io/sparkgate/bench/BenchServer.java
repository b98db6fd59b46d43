package io.sparkgate.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server a bench loads: the serving jar's {@code sparkgate serve} in its own JVM on loopback, as it
 * runs in production.
 */
final class BenchServer implements AutoCloseable {
  final int port;
  final int adminPort;
  final long readyMillis;
  private final Process process;
  private final HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private BenchServer(int port, int adminPort, long readyMillis, Process process) {
    this.port = port;
    this.adminPort = adminPort;
    this.readyMillis = readyMillis;
    this.process = process;
  }

  static BenchServer start(ServerLaunch launch, Path work, Path policies, boolean audit, String heap)
      throws Exception {
    int port = freePort();
    int adminPort = freePort();
    List<String> command = launch.serveCommand(heap);
    command.addAll(List.of(
        "--policies", policies.toString(), "--certs", work.resolve("certs").toString(),
        "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--admin-host", "127.0.0.1", "--admin-port", String.valueOf(adminPort)));
    // extra serve arguments, e.g. SPARKGATE_BENCH_SERVER_ARGS="--warmup=0" for a server started cold
    String extraArgs = System.getenv("SPARKGATE_BENCH_SERVER_ARGS");
    if (extraArgs != null && !extraArgs.isBlank()) {
      command.addAll(List.of(extraArgs.trim().split("\\s+")));
    }
    if (audit) {
      command.addAll(List.of("--audit-log", work.resolve("audit").resolve("audit.log").toString()));
    } else {
      command.add("--no-audit");
    }
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("server.log").toFile()).start();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = started + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited: " + Files.readString(work.resolve("server.log")));
      }
      try {
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + adminPort + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return new BenchServer(port, adminPort, (System.nanoTime() - started) / 1_000_000, process);
        }
      } catch (IOException notListeningYet) {
        // keep polling
      }
      Thread.sleep(20);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server was not ready within 120 s");
  }

  ServerMetrics scrape() throws Exception {
    return ServerMetrics.parse(metricsText());
  }

  String metricsText() throws Exception {
    HttpResponse<String> metrics = admin.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    return metrics.body();
  }

  long pid() {
    return process.pid();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
