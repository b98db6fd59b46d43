package io.sparkgate.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.certs.TlsMaterial;
import io.sparkgate.engine.AdmissionEngine;
import io.sparkgate.engine.Phase;
import io.sparkgate.metrics.AdmissionMetrics;
import io.sparkgate.metrics.LabelCaps;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetHolder;
import io.sparkgate.warmup.WarmupBudget;
import io.sparkgate.warmup.WarmupReport;
import io.sparkgate.warmup.WarmupRequest;
import io.sparkgate.warmup.WarmupReviews;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warms the admission path before the server reports ready: replays the warm-up reviews over HTTPS
 * to a listener of its own on a loopback port, built from the same verticle, routes, handlers,
 * decoder and engine classes as the webhook port, so that TLS, HTTP, decoding, evaluation, patches
 * and encoding are compiled by the JIT before the first real request.
 *
 * <p>It leaves no trace: a Vert.x instance of its own without metrics, a meter registry and an
 * in-flight limit of its own, no audit log, no request trace, and the policy set as loaded from
 * files (no cluster lookups; the authorizer never calls out). Bounded by its time budget: requests
 * still in flight then are abandoned; a failure ends it early and is reported, never thrown.
 */
final class LoopbackWarmup {
  /**
   * Requests in flight at once: one per core, so that the JIT's compiler threads keep some of the
   * CPU while the warm-up runs.
   */
  private static final int CONNECTIONS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Transport failures in a row (not HTTP answers) after which the listener is taken to be unusable. */
  private static final int MAX_FAILURES_IN_A_ROW = 20;
  private static final long CLOSE_MILLIS = 2_000;
  private static final byte[] ALLOWED = "\"allowed\":true".getBytes(StandardCharsets.UTF_8);

  private final ServerConfig config;
  private final TlsMaterial tls;
  private final AdmissionEngine engine;

  /** @param engine an engine whose safety net counts nothing in the server's metrics */
  LoopbackWarmup(ServerConfig config, TlsMaterial tls, AdmissionEngine engine) {
    this.config = config;
    this.tls = tls;
    this.engine = engine;
  }

  WarmupReport run(PolicySet set, WarmupBudget budget) {
    long start = System.nanoTime();
    List<WarmupRequest> requests;
    String namespace;
    try {
      namespace = WarmupReviews.namespaceFor(set);
      requests = WarmupReviews.forSet(set);
    } catch (RuntimeException e) {
      return WarmupReport.skipped("cannot prepare the warm-up reviews: " + e, millisSince(start));
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1));
    try {
      long deadline = start + budget.time().toNanos();
      int port = listen(vertx, set, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      Replay replay = new Replay(vertx, port, requests, deadline, budget.maxRequests());
      replay.run(budget.time().toMillis() + CLOSE_MILLIS);
      return new WarmupReport(replay.allowed.get(), replay.denied.get(), replay.failed.get(), replay.inFlight.get(),
          millisSince(start), namespace, requests.size(), replay.problem.get());
    } catch (TimeoutException e) {
      return WarmupReport.skipped("the loopback listener did not start within the budget", millisSince(start));
    } catch (Exception e) {
      return WarmupReport.skipped("the loopback listener failed: " + e, millisSince(start));
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // its threads are daemons and hold nothing the server uses
      }
    }
  }

  /** The private listener on an ephemeral loopback port; returns the port. */
  private int listen(Vertx vertx, PolicySet set, long timeoutMillis) throws Exception {
    PolicySetHolder policies = new PolicySetHolder();
    policies.publish(set);
    AdmissionMetrics metrics = new AdmissionMetrics(LabelCaps.install(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(config.maxNesting());
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("sparkgate-warmup", CONNECTIONS,
        config.evaluationBudgetNanos() * 4 + 2_000_000_000L, TimeUnit.NANOSECONDS);
    AdmissionHandler validate = new AdmissionHandler(Endpoint.VALIDATE, Phase.VALIDATE, engine, policies, decoder,
        metrics, null, "", workers);
    AdmissionHandler mutate = new AdmissionHandler(Endpoint.MUTATE, Phase.MUTATE, engine, policies, decoder,
        metrics, null, "", workers);
    InFlightLimit limit = new InFlightLimit(config.maxInFlight(), metrics, RequestTrace.NONE);
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    ServerConfig loopback = config.withListener("127.0.0.1", 0);
    vertx.deployVerticle(() -> new AdmissionVerticle(loopback, () -> tls, null,
                v -> AdmissionRoutes.create(v, config.maxBodyBytes(), limit, validate, mutate), servers),
            new DeploymentOptions().setInstances(1))
        .toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    return servers.get(0).actualPort();
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * A closed loop over the reviews on {@link #CONNECTIONS} keep-alive connections until the deadline
   * or the budget's number of requests.
   */
  private static final class Replay {
    final AtomicLong allowed = new AtomicLong();
    final AtomicLong denied = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<String> problem = new AtomicReference<>();
    private final Vertx vertx;
    private final HttpClient client;
    private final int port;
    private final List<WarmupRequest> requests;
    private final long deadlineNanos;
    private final long maxRequests;
    final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong next = new AtomicLong();
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger(CONNECTIONS);
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    Replay(Vertx vertx, int port, List<WarmupRequest> requests, long deadlineNanos, long maxRequests) {
      this.vertx = vertx;
      this.port = port;
      this.requests = requests;
      this.deadlineNanos = deadlineNanos;
      this.maxRequests = maxRequests;
      // its own listener with the server's certificate, on loopback: nothing to verify
      this.client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
          .setVerifyHost(false).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    }

    void run(long maxMillis) throws Exception {
      for (int i = 0; i < CONNECTIONS; i++) {
        vertx.runOnContext(v -> sendNext());
      }
      try {
        done.get(maxMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // counted as unanswered; the worker finishes them under the evaluation deadline
      }
    }

    private void sendNext() {
      long index = next.getAndIncrement();
      if (index >= maxRequests || System.nanoTime() >= deadlineNanos || failuresInARow.get() >= MAX_FAILURES_IN_A_ROW) {
        if (running.decrementAndGet() == 0) {
          done.complete(null);
        }
        return;
      }
      WarmupRequest request = requests.get((int) (index % requests.size()));
      inFlight.incrementAndGet();
      client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
              .setURI(request.path()).putHeader("Content-Type", "application/json"))
          .compose(call -> call.send(Buffer.buffer(request.body())))
          .compose(response -> response.body().map(body -> answer(request, response, body)))
          .onComplete(result -> {
            inFlight.decrementAndGet();
            if (result.failed()) {
              failed.incrementAndGet();
              if (failuresInARow.incrementAndGet() >= MAX_FAILURES_IN_A_ROW) {
                problem.compareAndSet(null, "stopped after " + MAX_FAILURES_IN_A_ROW + " failed requests in a row: "
                    + result.cause());
              }
            } else {
              failuresInARow.set(0);
            }
            sendNext();
          });
    }

    private Void answer(WarmupRequest request, HttpClientResponse response, Buffer body) {
      if (response.statusCode() != 200) {
        failed.incrementAndGet();
        problem.compareAndSet(null, request.description() + " to " + request.path() + " got HTTP "
            + response.statusCode() + ": " + body.toString(StandardCharsets.UTF_8));
      } else if (contains(body.getBytes(), ALLOWED)) {
        allowed.incrementAndGet();
      } else {
        denied.incrementAndGet();
      }
      return null;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= haystack.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }
  }
}
