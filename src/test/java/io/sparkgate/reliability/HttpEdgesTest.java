package io.sparkgate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP edges left open by the first reliability pass: exact paths only, and an answer for broken
 * chunked framing. (The header deadline of kept-alive connections: RequestHeaderDeadlineTest.)
 */
class HttpEdgesTest {
  @TempDir static Path dir;
  static ReliabilityServer server;
  static RawHttps client;
  static byte[] valid;

  @BeforeAll
  static void start() throws Exception {
    server = ReliabilityServer.start(dir, HostileInputTest.policies());
    client = new RawHttps(server.ca(), server.port());
    valid = HostileCases.bytes(HostileCases.validReview());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * The API server calls exactly the path of the webhook configuration; an alias such as
   * {@code /validate/} or {@code /%2e%2e/validate} would let a path-based rule in front of the
   * server (a proxy, an L7 network policy) be side-stepped, so only the exact path is served.
   */
  @Test
  void onlyTheExactPathsAreServed() {
    for (String path : List.of("/validate/", "/%2e%2e/validate", "/./validate", "/mutate/", "//validate",
        "/validate/.", "/x/../validate", "/%76alidate")) {
      RawAnswer answer = client.exchange(RawHttps.post(path, valid), Duration.ofSeconds(10));
      assertThat(answer.status()).as(path + ": " + answer).isEqualTo(404);
      assertThat(answer.isClearClientError()).as(path).isTrue();
      assertThat(answer.body()).contains("no such path");
    }
    for (String path : List.of("/validate", "/mutate", "/validate?timeout=10s")) {
      RawAnswer answer = client.exchange(RawHttps.post(path, valid), Duration.ofSeconds(10));
      assertThat(answer.isAdmissionReviewFor(HostileCase.UID)).as(path + ": " + answer).isTrue();
    }
  }

  @Test
  void brokenChunkedFramingIsAnsweredWith400NotASilentClose() throws Exception {
    String head = "POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n";
    List<String> bodies = List.of(
        "zz\r\n{}\r\n0\r\n\r\n",                       // chunk size not hex
        "5\r\n{\"a\":1}\r\n0\r\n\r\n",                 // chunk longer than its size
        "2\r\n{}XX0\r\n\r\n",                           // no CRLF after the chunk data
        "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n");        // chunk size overflows
    List<String> outcomes = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      for (String body : bodies) {
        RawAnswer answer = client.exchange((head + body).getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
        outcomes.add(answer.status() + " " + body.substring(0, Math.min(body.length(), 12)).replace("\r\n", "\\r\\n"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.isClearClientError()).isTrue();
      }
    }
    assertThat(outcomes).hasSize(20);
    AdminProbe admin = new AdminProbe(server.server.adminPort());
    assertThat(admin.healthy()).isTrue();
    Await.until("no request left in flight", Duration.ofSeconds(5), () -> {
      try {
        return admin.metrics().contains("sparkgate_admission_in_flight 0.0");
      } catch (Exception e) {
        return false;
      }
    });
    RawAnswer after = client.exchange(RawHttps.post("/validate", valid), Duration.ofSeconds(10));
    assertThat(after.isAdmissionReviewFor(HostileCase.UID)).as(after.toString()).isTrue();
  }
}
