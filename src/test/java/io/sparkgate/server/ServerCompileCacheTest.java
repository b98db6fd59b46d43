package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.policy.CompileCache;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's compile cache: a start reads what an earlier start compiled, answers exactly as a
 * start that compiled everything, and a cache whose entries are damaged only costs the compile.
 */
class ServerCompileCacheTest {
  private static final String BUILD = "server-compile-cache-test";

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aSecondStartReadsEveryExpressionFromTheCacheAndAnswersTheSame() throws Exception {
    Path root = dir.resolve("cache");
    CompileCache first = CompileCache.in(root, BUILD);
    JsonObject compiled = denialFromAServerWith(first);
    assertThat(first.hits()).isZero();
    assertThat(first.stores()).as("the validation and the audit annotation").isEqualTo(2);

    CompileCache second = CompileCache.in(root, BUILD);
    JsonObject cached = denialFromAServerWith(second);
    assertThat(second.hits()).isEqualTo(2);
    assertThat(second.stores()).isZero();
    assertThat(cached).isEqualTo(compiled);
    assertThat(cached.getBoolean("allowed")).isFalse();
    assertThat(cached.getJsonObject("status").getString("message")).contains("object.spec.replicas <= 5");
  }

  @Test
  void damagedEntriesAreCompiledAgainAndTheAnswerIsUnchanged() throws Exception {
    Path root = dir.resolve("cache");
    JsonObject compiled = denialFromAServerWith(CompileCache.in(root, BUILD));
    List<Path> entries;
    try (Stream<Path> files = Files.walk(root)) {
      entries = files.filter(Files::isRegularFile).toList();
    }
    assertThat(entries).hasSize(2);
    for (Path entry : entries) {
      Files.write(entry, new byte[] {0x0a, (byte) 0xff, 0x01, 0x02});
    }

    CompileCache damaged = CompileCache.in(root, BUILD);
    assertThat(denialFromAServerWith(damaged)).isEqualTo(compiled);
    assertThat(damaged.hits()).isZero();
    assertThat(damaged.stores()).isEqualTo(2);
  }

  /** Starts a server on the test's policy with {@code cache}, sends one request it denies, stops it. */
  private JsonObject denialFromAServerWith(CompileCache cache) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(policies.resolve("policy.yaml"), AdmissionServerTest.POLICY);
    ServerConfig config = ServerConfig.local(policies, dir.resolve("certs"), TestServer.freePort(),
        TestServer.freePort());
    SparkgateServer server = new SparkgateServer(config).withCompileCache(cache);
    server.start();
    try {
      String body = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false))
          .request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(server.port())
              .setURI("/validate").putHeader("Content-Type", "application/json"))
          .compose(request -> request.send(Buffer.buffer(AdmissionServerTest.deployment("uid-cache", "prod", 7))))
          .compose(response -> response.body())
          .map(Buffer::toString)
          .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      return new JsonObject(body).getJsonObject("response");
    } finally {
      server.close();
    }
  }
}
