package io.sparkgate.cli;

import io.sparkgate.server.ServerConfig;
import io.sparkgate.server.SparkgateServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the HTTPS admission server. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the HTTPS admission webhook server.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--policies", defaultValue = "policies", description = "Policy directory (default: ${DEFAULT-VALUE}).")
  Path policies;

  @Option(names = "--certs", defaultValue = "certs",
      description = "Directory of tls.crt and tls.key; generated with a CA when absent (default: ${DEFAULT-VALUE}).")
  Path certs;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Webhook address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8443", description = "Webhook HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--admin-host", defaultValue = "0.0.0.0",
      description = "Admin address; 127.0.0.1 keeps it local (default: ${DEFAULT-VALUE}).")
  String adminHost;

  @Option(names = "--admin-port", defaultValue = "9090", description = "Admin HTTP port (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(names = "--max-body-bytes", defaultValue = "7340032", description = "Largest request body (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(names = "--max-nesting", defaultValue = "100", description = "Deepest JSON nesting accepted (default: ${DEFAULT-VALUE}).")
  int maxNesting;

  @Option(names = "--evaluation-budget-ms", defaultValue = "500",
      description = "Wall-clock budget of one policy binding's evaluation (default: ${DEFAULT-VALUE}).")
  long budgetMillis;

  @Option(names = "--reload-period-ms", defaultValue = "1000", description = "How often policies are checked for changes.")
  long reloadPeriodMillis;

  @Option(names = "--service", defaultValue = "sparkgate", description = "Service name in generated certificates.")
  String service;

  @Option(names = "--namespace", defaultValue = "sparkgate", description = "Namespace in generated certificates.")
  String namespace;

  @Option(names = "--event-loops", description = "Event loops serving the webhook port (default: the number of cores).")
  Integer eventLoops;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = new ServerConfig(policies, certs, host, port, adminHost, adminPort, maxBodyBytes,
        maxNesting, budgetMillis * 1_000_000L, reloadPeriodMillis, service, namespace,
        eventLoops != null ? eventLoops : Runtime.getRuntime().availableProcessors());
    SparkgateServer server = new SparkgateServer(config);
    try {
      server.start();
    } catch (SparkgateServer.StartupException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "sparkgate-shutdown"));
    stopped.await();
    return 0;
  }

}
