package io.sparkgate.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sparkgate serve} in a child JVM started through a shell, so that the shell can set limits
 * first (e.g. {@code ulimit -f}: files larger than that fail to grow with EFBIG, the JVM ignoring
 * SIGXFSZ — a disk that is full for this process only).
 */
final class ChildServer implements AutoCloseable {
  final Path dir;
  final int port;
  final int adminPort;
  final Process process;

  private ChildServer(Path dir, int port, int adminPort, Process process) {
    this.dir = dir;
    this.port = port;
    this.adminPort = adminPort;
    this.process = process;
  }

  /** Starts the server; {@code shellPrefix} runs first in the same shell, e.g. "ulimit -f 512". */
  static ChildServer start(Path dir, Path policies, String shellPrefix, String... extraArgs) throws Exception {
    int port = ReliabilityServer.freePort();
    int adminPort = ReliabilityServer.freePort();
    List<String> java = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.sparkgate.cli.Main", "serve",
        "--policies", policies.toString(), "--certs", dir.resolve("certs").toString(),
        "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--admin-host", "127.0.0.1", "--admin-port", String.valueOf(adminPort), "--event-loops", "2"));
    java.addAll(List.of(extraArgs));
    StringBuilder command = new StringBuilder(shellPrefix).append("; exec");
    for (String word : java) {
      command.append(" '").append(word.replace("'", "'\\''")).append('\'');
    }
    Process process = new ProcessBuilder("bash", "-c", command.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile())
        .start();
    return new ChildServer(dir, port, adminPort, process);
  }

  /** Waits until /readyz answers 200; false if the process exited first or 60 s passed. */
  boolean awaitReady() throws Exception {
    AdminProbe admin = new AdminProbe(adminPort);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (admin.status("/readyz") == 200) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  String log() throws Exception {
    return Files.readString(dir.resolve("server.log"));
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
