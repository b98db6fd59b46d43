package io.sparkgate.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the policy directory and reloads when a file changes. Polling, rather than inotify, sees
 * ConfigMap updates, which swap a {@code ..data} symlink and change no watched directory entry.
 * A reload that has errors is reported and the set in service stays.
 */
public final class PolicyDirectoryWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyDirectoryWatcher.class);

  /** What a reload did, for metrics and tests. */
  public enum Outcome {
    UNCHANGED,
    RELOADED,
    FAILED
  }

  private final Path root;
  private final PolicySetLoader loader;
  private final PolicySetHolder holder;
  private final Consumer<Outcome> listener;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sparkgate-policy-watcher");
        thread.setDaemon(true);
        return thread;
      });
  private String fingerprint = "";

  public PolicyDirectoryWatcher(Path root, PolicySetLoader loader, PolicySetHolder holder, Consumer<Outcome> listener) {
    this.root = root;
    this.loader = loader;
    this.holder = holder;
    this.listener = listener;
  }

  /** Loads once, now, and reports the result; the server starts only when this succeeds. */
  public PolicySetLoader.Result loadInitial() {
    fingerprint = fingerprint();
    PolicySetLoader.Result result = loader.load(root);
    if (!result.hasErrors()) {
      holder.publish(result.policySet());
      logWarnings(result);
    }
    return result;
  }

  /** Warnings do not stop a set (a scan record that does not verify, a tenant with a bad field): they are logged. */
  private static void logWarnings(PolicySetLoader.Result result) {
    for (LoadIssue issue : result.issues()) {
      if (issue.severity() == Severity.WARNING) {
        LOG.warn("policy set loaded with a warning: {}", issue);
      }
    }
  }

  public void start(long periodMillis) {
    executor.scheduleWithFixedDelay(this::checkSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private void checkSafely() {
    try {
      listener.accept(check());
    } catch (RuntimeException | StackOverflowError e) {
      // an exception escaping a scheduled task would cancel all later reloads, silently
      LOG.error("policy reload failed unexpectedly; the policy set in service stays", e);
      listener.accept(Outcome.FAILED);
    }
  }

  /** Reloads if the directory changed since the last look. */
  public Outcome check() {
    String now = fingerprint();
    if (now.equals(fingerprint)) {
      return Outcome.UNCHANGED;
    }
    fingerprint = now;
    PolicySetLoader.Result result = loader.load(root);
    if (result.hasErrors()) {
      for (LoadIssue issue : result.errors()) {
        LOG.error("policy reload rejected: {}", issue);
      }
      LOG.error("policy reload rejected with {} errors; the policy set {} stays in service",
          result.errors().size(), holder.current().hash());
      return Outcome.FAILED;
    }
    if (result.policySet().hash().equals(holder.current().hash())) {
      return Outcome.UNCHANGED;
    }
    holder.publish(result.policySet());
    logWarnings(result);
    LOG.info("policy set {} in service: {} policies, {} bindings", result.policySet().hash(),
        result.policySet().policyCount(), result.policySet().bindingCount());
    return Outcome.RELOADED;
  }

  private String fingerprint() {
    StringBuilder text = new StringBuilder();
    try {
      List<Path> files = loader.inputs(root);
      for (Path file : files) {
        Path real = file.toRealPath();
        text.append(file).append('>').append(real).append(':')
            .append(Files.size(real)).append(':').append(Files.getLastModifiedTime(real).toMillis()).append('\n');
      }
    } catch (IOException e) {
      text.append("unreadable:").append(e.getMessage());
    }
    return text.toString();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
