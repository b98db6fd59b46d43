package io.sparkgate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and idle clients, all at once: a client dribbling its headers is cut off, one dribbling its
 * body gets a 408, hundreds of idle connections hold nothing the server needs, and normal
 * requests are answered quickly all the while.
 */
class SlowClientsTest {
  private static final long DRIBBLE_MILLIS = 250;

  @Test
  void slowAndIdleClientsAreBoundedWhileNormalRequestsAreServed(@TempDir Path dir) throws Exception {
    ExecutorService threads = Executors.newCachedThreadPool();
    try (ReliabilityServer server = ReliabilityServer.start(dir, HostileInputTest.policies())) {
      RawHttps client = new RawHttps(server.ca(), server.port());
      AdminProbe admin = new AdminProbe(server.server.adminPort());
      byte[] normal = RawHttps.post("/validate", HostileCases.bytes(HostileCases.validReview()));
      assertThat(client.exchange(normal, Duration.ofSeconds(10)).isAdmissionReviewFor(HostileCase.UID)).isTrue();

      List<SSLSocket> idleTls = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        idleTls.add(client.open(Duration.ofSeconds(30)));
      }
      List<Socket> idleTcp = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(30_000);
        idleTcp.add(socket);
      }
      long start = System.nanoTime();
      CompletableFuture<Long> slowHeaders = CompletableFuture.supplyAsync(() -> dribbleHeaders(client), threads);
      CompletableFuture<RawAnswer> slowBody = CompletableFuture.supplyAsync(() -> dribbleBody(client), threads);
      CompletableFuture<Long> tcpClosed = CompletableFuture.supplyAsync(() -> closedByServer(idleTcp.get(0)), threads);

      double worstNormalMillis = 0;
      int normalRequests = 0;
      while (!(slowHeaders.isDone() && slowBody.isDone() && tcpClosed.isDone())
          && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
        RawAnswer answer = client.exchange(normal, Duration.ofSeconds(5));
        assertThat(answer.isAdmissionReviewFor(HostileCase.UID)).as(answer.toString()).isTrue();
        worstNormalMillis = Math.max(worstNormalMillis, answer.millis());
        normalRequests++;
        assertThat(admin.healthy()).isTrue();
        Thread.sleep(200);
      }
      long headerCutOffMillis = slowHeaders.get(1, TimeUnit.SECONDS);
      RawAnswer bodyAnswer = slowBody.get(1, TimeUnit.SECONDS);
      long tcpCutOffMillis = tcpClosed.get(1, TimeUnit.SECONDS);
      Figures.record("slow-clients", "headers dribbled: closed after " + headerCutOffMillis + " ms; body dribbled: "
          + bodyAnswer.status() + " after " + Math.round(bodyAnswer.millis()) + " ms; TCP without TLS: closed after "
          + tcpCutOffMillis + " ms; 300 idle TLS + 100 idle TCP connections; " + normalRequests
          + " normal requests meanwhile, worst " + Math.round(worstNormalMillis) + " ms");

      assertThat(headerCutOffMillis).as("slow headers cut off, ms").isBetween(9_000L, 15_000L);
      assertThat(bodyAnswer.status()).as(bodyAnswer.toString()).isEqualTo(408);
      assertThat(bodyAnswer.isClearClientError()).isTrue();
      assertThat(bodyAnswer.millis()).isBetween(9_000.0, 15_000.0);
      assertThat(tcpCutOffMillis).as("a connection that never starts TLS is closed, ms").isBetween(9_000L, 15_000L);
      assertThat(worstNormalMillis).isLessThan(1_000);
      assertThat(normalRequests).isGreaterThan(10);
      assertThat(idleTls.get(0).isClosed()).isFalse();
      for (SSLSocket socket : idleTls) {
        socket.close();
      }
      for (Socket socket : idleTcp) {
        socket.close();
      }
      assertThat(client.exchange(normal, Duration.ofSeconds(5)).isAdmissionReviewFor(HostileCase.UID)).isTrue();
    } finally {
      threads.shutdownNow();
    }
  }

  /** Sends a request's headers a byte at a time; returns how long until the server closed. */
  private static long dribbleHeaders(RawHttps client) {
    long start = System.nanoTime();
    byte[] head = ("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "X-Slow: " + "s".repeat(200) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    try (SSLSocket socket = client.open(Duration.ofSeconds(1))) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (byte b : head) {
        out.write(b);
        out.flush();
        if (closed(in)) {
          break;
        }
        Thread.sleep(DRIBBLE_MILLIS);
      }
    } catch (Exception closed) {
      // the server closed the connection under us
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static boolean closed(InputStream in) {
    try {
      in.read();
      return true;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (java.io.IOException e) {
      return true;
    }
  }

  /** Complete headers, then a body a byte at a time; returns the answer. */
  private static RawAnswer dribbleBody(RawHttps client) {
    long start = System.nanoTime();
    byte[] body = HostileCases.bytes(HostileCases.validReview());
    String head = "POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n";
    try (SSLSocket socket = client.open(Duration.ofMillis(DRIBBLE_MILLIS))) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      for (byte b : body) {
        out.write(b);
        out.flush();
        try {
          int first = in.read();
          if (first < 0) {
            return RawAnswer.none("closed without an answer", System.nanoTime() - start);
          }
          socket.setSoTimeout(5_000);
          RawAnswer rest = RawHttps.read(new java.io.SequenceInputStream(
              new java.io.ByteArrayInputStream(new byte[] {(byte) first}), in), start);
          return rest;
        } catch (java.net.SocketTimeoutException noAnswerYet) {
          // keep dribbling
        }
      }
      return RawAnswer.none("the whole body was sent without an answer", System.nanoTime() - start);
    } catch (Exception e) {
      return RawAnswer.none(e.toString(), System.nanoTime() - start);
    }
  }

  /** Waits until the server closes a connection that never spoke; returns how long that took. */
  private static long closedByServer(Socket socket) {
    long start = System.nanoTime();
    try {
      while (socket.getInputStream().read() >= 0) {
        // the server sends nothing before a ClientHello
      }
    } catch (Exception closed) {
      // reset counts as closed
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
