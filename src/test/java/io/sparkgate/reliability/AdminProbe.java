package io.sparkgate.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain-HTTP GETs on the admin port: is the server alive and ready? */
final class AdminProbe {
  // HTTP/1.1, as Prometheus scrapes (the JDK client would otherwise ask for an h2c upgrade)
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final int port;

  AdminProbe(int port) {
    this.port = port;
  }

  /** The status of GET {@code path}, or 0 when there is no answer within 5 s. */
  int status(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return 0;
    }
  }

  boolean healthy() {
    return status("/healthz") == 200 && status("/readyz") == 200;
  }

  /** The metrics page; the whole answer, body included, must arrive within 10 s. */
  String metrics() {
    try {
      return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
          .get(10, java.util.concurrent.TimeUnit.SECONDS).body();
    } catch (Exception e) {
      throw new IllegalStateException("no metrics: " + e, e);
    }
  }
}
