package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The header deadline on kept-alive connections: after an answer, the next request's headers must
 * arrive within the deadline, dribbled or not; a request that arrives in time is served and
 * restarts the clock. Plain HTTP and short deadlines, so the test is quick.
 */
class RequestHeaderDeadlineTest {
  static final long FIRST_MILLIS = 4_000;
  static final long NEXT_MILLIS = 1_500;

  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    RequestHeaderDeadline deadline = new RequestHeaderDeadline(vertx, FIRST_MILLIS, NEXT_MILLIS);
    Router router = Router.router(vertx);
    // a route with end handlers of its own, as the real routes have (TimeoutHandler, the in-flight limit)
    router.post("/validate").handler(context -> {
      context.addEndHandler(ended -> { });
      context.next();
    }).handler(context -> context.response().end("ok"));
    HttpServer server = vertx.createHttpServer()
        .connectionHandler(deadline::onConnection)
        .requestHandler(deadline.around(router))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theNextRequestsHeadersDribbledAfterAnAnswerAreCutOffAtTheDeadline() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 3; i++) {
        out.write(request());
        assertThat(readAnswer(in)).as("request " + (i + 1)).startsWith("HTTP/1.1 200").endsWith("ok");
      }
      byte[] head = new String(request(), StandardCharsets.ISO_8859_1).substring(0, 40).getBytes(StandardCharsets.ISO_8859_1);
      long start = System.nanoTime();
      long closedAfter = -1;
      try {
        for (byte b : head) {
          out.write(b);
          out.flush();
          Thread.sleep(100);
        }
        socket.setSoTimeout(10_000);
        if (in.read() < 0) {
          closedAfter = millisSince(start);
        }
      } catch (IOException closed) {
        closedAfter = millisSince(start);
      }
      assertThat(closedAfter).as("closed after, ms").isBetween(NEXT_MILLIS - 200, NEXT_MILLIS + 2_500);
    }
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedAtTheDeadlineAndARequestInTimeIsServed() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(request());
      assertThat(readAnswer(in)).startsWith("HTTP/1.1 200");
      Thread.sleep(NEXT_MILLIS / 2);
      out.write(request());
      assertThat(readAnswer(in)).as("a request within the deadline").startsWith("HTTP/1.1 200");
      long start = System.nanoTime();
      socket.setSoTimeout(10_000);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(millisSince(start)).isBetween(NEXT_MILLIS - 200, NEXT_MILLIS + 2_500);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static byte[] request() {
    return "POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads one answer with a Content-Length body. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int contentLength = -1;
    int headerEnd = -1;
    while (true) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        break;
      }
      if (b < 0) {
        break;
      }
      bytes.write(b);
      String text = bytes.toString(StandardCharsets.ISO_8859_1);
      if (headerEnd < 0 && text.endsWith("\r\n\r\n")) {
        headerEnd = text.length();
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            contentLength = Integer.parseInt(line.substring(15).trim());
          }
        }
      }
      if (headerEnd >= 0 && text.length() - headerEnd >= Math.max(contentLength, 0)) {
        return text;
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
