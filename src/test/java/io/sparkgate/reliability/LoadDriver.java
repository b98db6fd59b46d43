package io.sparkgate.reliability;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Drives HTTPS load at a server with a pool of kept-alive connections: closed loop (a number of
 * clients, each sending its next request when its answer is in) or open loop (a fixed rate,
 * whatever the answers do; latency counted from the moment a request was due, so a server that
 * falls behind cannot hide it).
 */
final class LoadDriver implements AutoCloseable {
  /** One answer; status 0 when there was none (connection error or no answer within the timeout). */
  record Answer(int status, String body, long nanos, String failure) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final int port;
  private final long timeoutMillis;
  private RequestLedger ledger;

  LoadDriver(Path ca, int port, int connections, Duration timeout) throws Exception {
    this(List.of(ca), port, connections, timeout, true);
  }

  /** @param keepAlive false: a new connection, so a new TLS handshake, for every request */
  LoadDriver(List<Path> trustedCas, int port, int connections, Duration timeout, boolean keepAlive) throws Exception {
    this.port = port;
    this.timeoutMillis = timeout.toMillis();
    PemTrustOptions trust = new PemTrustOptions();
    for (Path ca : trustedCas) {
      trust.addCertValue(Buffer.buffer(Files.readAllBytes(ca)));
    }
    this.client = vertx.createHttpClient(new HttpClientOptions()
            .setSsl(true)
            .setTrustOptions(trust)
            .setVerifyHost(true)
            .setKeepAlive(keepAlive)
            .setConnectTimeout((int) timeoutMillis),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Records every request's steps in {@code ledger}, with its id in a header the server's trace reads. */
  LoadDriver tracedIn(RequestLedger ledger) {
    this.ledger = ledger;
    return this;
  }

  /** Sends one POST; the future always completes normally. */
  CompletableFuture<Answer> send(String path, byte[] body) {
    long start = System.nanoTime();
    return sendFrom(path, body, start);
  }

  private CompletableFuture<Answer> sendFrom(String path, byte[] body, long since) {
    RequestLedger.Entry entry = ledger == null ? null : ledger.open();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost").setPort(port)
        .setURI(path).putHeader("Content-Type", "application/json").setIdleTimeout(timeoutMillis)
        // also bounds the wait for a pooled connection: a request that never leaves the pool
        // becomes a failure with a reason instead of a silent hang
        .setConnectTimeout(timeoutMillis);
    if (entry != null) {
      options.putHeader(RequestLedger.HEADER, String.valueOf(entry.id));
    }
    Future<Answer> answer = client.request(options).compose(request -> {
      step(entry, RequestLedger.ClientStep.CONNECTION);
      // The body is asked for inside the callback that receives the response, not in a compose
      // chained after it: a chained stage may run after the response's end has been delivered,
      // and body() then never completes (a request answered by the server, never by the client).
      Future<Answer> answered = request.response().compose(response -> {
        step(entry, RequestLedger.ClientStep.RESPONSE);
        return response.body().map(b -> new Answer(response.statusCode(), b.toString(), System.nanoTime() - since, null));
      });
      request.end(Buffer.buffer(body)).onSuccess(written -> step(entry, RequestLedger.ClientStep.WRITTEN));
      return answered;
    });
    return answer
        .onSuccess(done -> step(entry, RequestLedger.ClientStep.ANSWERED))
        .recover(error -> {
          if (entry != null) {
            entry.failure = error.toString();
          }
          step(entry, RequestLedger.ClientStep.FAILED);
          return Future.succeededFuture(new Answer(0, "", System.nanoTime() - since, error.toString()));
        })
        .toCompletionStage().toCompletableFuture();
  }

  private static void step(RequestLedger.Entry entry, RequestLedger.ClientStep step) {
    if (entry != null) {
      entry.client(step);
    }
  }

  /** {@code clients} clients, each sending request after request, for {@code duration}. */
  LoadResult closedLoop(int clients, Duration duration, String path, IntFunction<byte[]> bodies) throws Exception {
    LoadResult result = new LoadResult();
    long end = System.nanoTime() + duration.toNanos();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger sequence = new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < clients; i++) {
      loops.add(loop(result, end, path, bodies, sequence));
    }
    long start = System.nanoTime();
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(duration.toMillis() + timeoutMillis * 2, TimeUnit.MILLISECONDS);
    result.finish(System.nanoTime() - start);
    return result;
  }

  private CompletableFuture<Void> loop(LoadResult result, long end, String path, IntFunction<byte[]> bodies,
      java.util.concurrent.atomic.AtomicInteger sequence) {
    if (System.nanoTime() >= end) {
      return CompletableFuture.completedFuture(null);
    }
    return send(path, bodies.apply(sequence.getAndIncrement()))
        .thenCompose(answer -> {
          result.record(answer);
          return loop(result, end, path, bodies, sequence);
        });
  }

  /** {@code perSecond} requests a second for {@code duration}, each due at its own time. */
  LoadResult openLoop(double perSecond, Duration duration, String path, IntFunction<byte[]> bodies) throws Exception {
    LoadResult result = new LoadResult();
    long intervalNanos = (long) (1e9 / perSecond);
    long count = duration.toNanos() / intervalNanos;
    List<CompletableFuture<Void>> pending = new ArrayList<>((int) count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      pending.add(sendFrom(path, bodies.apply(i), due).thenAccept(result::record));
    }
    long scheduled = System.nanoTime() - start;
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      long unanswered = pending.stream().filter(future -> !future.isDone()).count();
      for (long i = 0; i < unanswered; i++) {
        result.record(new Answer(0, "", System.nanoTime() - start, "no answer " + timeoutMillis + " ms after the last was due"));
      }
    }
    result.finish(scheduled);
    return result;
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Whether the answer is an AdmissionReview that allows (or denies) the request. */
  static boolean isReviewAnswer(Answer answer, boolean allowed) {
    return answer.status() == 200 && answer.body().contains("\"kind\":\"AdmissionReview\"")
        && answer.body().contains("\"allowed\":" + allowed);
  }
}
