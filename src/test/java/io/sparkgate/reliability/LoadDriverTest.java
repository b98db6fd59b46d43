package io.sparkgate.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkgate.testing.Reviews;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the load driver asks for a response's body inside the callback that receives the response:
 * Vert.x's client drops what a response delivers while it has no handler, so a body asked for once
 * the response has been delivered never arrives — the request the server answered and the client
 * never did, seen under overload.
 */
class LoadDriverTest {
  @Test
  void aBodyAskedForAfterTheResponseWasDeliveredNeverArrivesWhileTheDriversWayAnswers(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ReliabilityServer server = ReliabilityServer.start(dir, Reviews.REPLICAS_POLICY);
        LoadDriver driver = new LoadDriver(server.ca(), server.port(), 1, Duration.ofSeconds(10))) {
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
          .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(Files.readAllBytes(server.ca())))));
      HttpClientResponse response = client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
              .setPort(server.port()).setURI("/validate").putHeader("Content-Type", "application/json"))
          .compose(request -> request.send(Buffer.buffer(Reviews.deployment("late", 1))))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      Thread.sleep(500);
      CompletableFuture<Buffer> late = response.body().toCompletionStage().toCompletableFuture();
      assertThatThrownBy(() -> late.get(3, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);

      LoadDriver.Answer answer = driver.send("/validate", Reviews.deployment("nested", 1)).get(10, TimeUnit.SECONDS);
      assertThat(LoadDriver.isReviewAnswer(answer, true)).as(answer.toString()).isTrue();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
