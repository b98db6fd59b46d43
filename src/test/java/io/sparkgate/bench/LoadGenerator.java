package io.sparkgate.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * HTTPS load over HTTP/1.1 keep-alive connections, as the API server sends it. Closed loop: each
 * connection sends its next request when the answer arrives. Open loop: requests are due at a
 * fixed rate whatever the server does, and latency counts from when a request was due, so
 * queueing delay is not hidden (no coordinated omission).
 */
final class LoadGenerator implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final int port;
  private final Workload workload;

  LoadGenerator(int port, int connections, Workload workload) {
    this.port = port;
    this.workload = workload;
    // Loopback benchmark against a generated development certificate: no trust to establish.
    this.client = vertx.createHttpClient(new HttpClientOptions()
            .setSsl(true).setTrustAll(true).setVerifyHost(false).setKeepAlive(true).setPipelining(false),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  LoadResult closedLoop(int connections, long durationMillis) throws Exception {
    Histogram histogram = new Histogram(60_000_000_000L, 3);
    AtomicLong sent = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long end = start + TimeUnit.MILLISECONDS.toNanos(durationMillis);
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicLong running = new AtomicLong(connections);
    for (int i = 0; i < connections; i++) {
      vertx.runOnContext(v -> next(sent, errors, histogram, end, running, done));
    }
    done.get(durationMillis + 60_000, TimeUnit.MILLISECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    synchronized (histogram) {
      return new LoadResult(histogram.getTotalCount(), errors.get(), seconds, histogram.copy());
    }
  }

  private void next(AtomicLong sent, AtomicLong errors, Histogram histogram, long end, AtomicLong running,
      CompletableFuture<Void> done) {
    if (System.nanoTime() >= end) {
      if (running.decrementAndGet() == 0) {
        done.complete(null);
      }
      return;
    }
    long issued = System.nanoTime();
    send(workload.get(sent.getAndIncrement())).onComplete(result -> {
      record(histogram, errors, issued, result.succeeded() && result.result() == 200);
      next(sent, errors, histogram, end, running, done);
    });
  }

  LoadResult openLoop(double ratePerSecond, long durationMillis) throws Exception {
    Histogram histogram = new Histogram(60_000_000_000L, 3);
    AtomicLong errors = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    long total = (long) (ratePerSecond * durationMillis / 1000.0);
    double intervalNanos = 1e9 / ratePerSecond;
    long start = System.nanoTime();
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicLong issuedCount = new AtomicLong();
    vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      while (issuedCount.get() < total && start + (long) (issuedCount.get() * intervalNanos) <= now) {
        long index = issuedCount.getAndIncrement();
        long due = start + (long) (index * intervalNanos);
        send(workload.get(index)).onComplete(result -> {
          record(histogram, errors, due, result.succeeded() && result.result() == 200);
          if (completed.incrementAndGet() == total) {
            done.complete(null);
          }
        });
      }
      if (issuedCount.get() >= total) {
        vertx.cancelTimer(timer);
      }
    });
    done.get(durationMillis + 60_000, TimeUnit.MILLISECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    synchronized (histogram) {
      return new LoadResult(histogram.getTotalCount(), errors.get(), seconds, histogram.copy());
    }
  }

  private static void record(Histogram histogram, AtomicLong errors, long since, boolean ok) {
    long latency = System.nanoTime() - since;
    synchronized (histogram) {
      histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
    }
    if (!ok) {
      errors.incrementAndGet();
    }
  }

  /** An open loop at {@code perSecond} until closed; a request unanswered after {@code timeoutMillis} is an error. */
  ConstantLoad constantRate(double perSecond, long timeoutMillis) {
    return new ConstantLoad(vertx, this, workload, perSecond, timeoutMillis);
  }

  private Future<Integer> send(Workload.Request request) {
    return send(request, 0);
  }

  /** The status of the answer; {@code timeoutMillis} 0 waits for ever. */
  Future<Integer> send(Workload.Request request, long timeoutMillis) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(request.path()).putHeader("Content-Type", "application/json");
    if (timeoutMillis > 0) {
      options.setIdleTimeout(timeoutMillis).setConnectTimeout(timeoutMillis);
    }
    return client.request(options)
        .compose(r -> r.send(Buffer.buffer(request.body())))
        .compose(response -> response.body().map(body -> response.statusCode()));
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
