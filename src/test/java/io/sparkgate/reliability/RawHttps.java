package io.sparkgate.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A blocking HTTPS client on a raw TLS socket: it sends exactly the bytes it is given (broken
 * framing, invalid UTF-8, dribbled bytes) and reads the answer until the server closes.
 */
final class RawHttps {
  private final SSLContext tls;
  private final int port;

  RawHttps(Path caCertificate, int port) throws Exception {
    this.tls = trusting(caCertificate);
    this.port = port;
  }

  static SSLContext trusting(Path caCertificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caCertificate)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** A connected, handshaken socket with a read timeout. */
  SSLSocket open(Duration readTimeout) throws IOException {
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout((int) readTimeout.toMillis());
    socket.startHandshake();
    return socket;
  }

  /** A request with {@code Connection: close}, Content-Length from the body, and the given content type. */
  static byte[] request(String method, String path, String contentType, byte[] body) {
    StringBuilder head = new StringBuilder()
        .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: localhost\r\nConnection: close\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  static byte[] post(String path, byte[] body) {
    return request("POST", path, "application/json", body);
  }

  /** Sends {@code raw} at once and reads the answer; never throws. */
  RawAnswer exchange(byte[] raw, Duration timeout) {
    long start = System.nanoTime();
    try (SSLSocket socket = open(timeout)) {
      OutputStream out = socket.getOutputStream();
      try {
        out.write(raw);
        out.flush();
      } catch (IOException e) {
        // the server may answer (413, 431) and close before reading everything: read what it said
      }
      return read(socket.getInputStream(), start);
    } catch (SocketTimeoutException e) {
      return RawAnswer.none("timed out after " + timeout.toMillis() + " ms", System.nanoTime() - start);
    } catch (IOException e) {
      return RawAnswer.none(e.toString(), System.nanoTime() - start);
    }
  }

  /**
   * Reads until the answer is complete (its Content-Length or last chunk) or the server closes,
   * then parses status, headers and a plain or chunked body.
   */
  static RawAnswer read(InputStream in, long start) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    int n;
    try {
      while (!complete(bytes.toByteArray()) && (n = in.read(buffer)) >= 0) {
        bytes.write(buffer, 0, n);
      }
    } catch (javax.net.ssl.SSLException | java.net.SocketException closedAbruptly) {
      // a reset after a complete answer still leaves the answer readable
    }
    long nanos = System.nanoTime() - start;
    return parse(bytes.toByteArray(), nanos);
  }

  private static boolean complete(byte[] response) {
    String text = new String(response, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (headEnd < 0) {
      return false;
    }
    String head = text.substring(0, headEnd).toLowerCase(Locale.ROOT);
    java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(head);
    if (length.find()) {
      return response.length - headEnd - 4 >= Long.parseLong(length.group(1));
    }
    if (head.contains("transfer-encoding: chunked")) {
      return text.endsWith("\r\n0\r\n\r\n");
    }
    return false;
  }

  static RawAnswer parse(byte[] response, long nanos) {
    String text = new String(response, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || headEnd < 0) {
      return RawAnswer.none(response.length == 0 ? "closed without an answer" : "not HTTP: " + abbreviate(text), nanos);
    }
    String[] lines = text.substring(0, headEnd).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(response, headEnd + 4, response.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new RawAnswer(status, headers, new String(body, StandardCharsets.UTF_8), nanos, null);
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOfCrlf(body, at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
