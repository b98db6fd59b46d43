package io.sparkgate.warmup;

import java.util.Locale;

/**
 * What one warm-up did, for its log line: requests answered (allowed and denied), requests that
 * failed, requests still unanswered when its time was up (abandoned), how long it ran, the
 * namespace and how many distinct reviews it replayed. {@code problem} says why it stopped early
 * or did not run, else null.
 */
public record WarmupReport(long allowed, long denied, long failed, long abandoned, long elapsedMillis,
    String namespace, int reviews, String problem) {

  public static WarmupReport skipped(String why, long elapsedMillis) {
    return new WarmupReport(0, 0, 0, 0, elapsedMillis, "", 0, why);
  }

  public long answered() {
    return allowed + denied;
  }

  /** One line: what ran, for how long, and what went wrong if anything did. */
  public String summary() {
    if (reviews == 0) {
      return String.format(Locale.ROOT, "warm-up skipped after %d ms: %s", elapsedMillis, problem);
    }
    String line = String.format(Locale.ROOT,
        "warm-up: %,d requests in %d ms over HTTPS on loopback (%d reviews of Spark pods and applications, "
            + "CREATE and UPDATE, /mutate and /validate, namespace %s): %,d allowed, %,d denied, %,d failed, "
            + "%,d unanswered at the end",
        answered() + failed + abandoned, elapsedMillis, reviews, namespace, allowed, denied, failed, abandoned);
    return problem == null ? line : line + "; " + problem;
  }
}
