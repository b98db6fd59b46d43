package io.sparkgate.cel.library;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A URL as Go's {@code net/url} parses it (CEL type {@code kubernetes.URL}). Kubernetes accepts
 * only what {@code url.ParseRequestURI} accepts, that is an absolute URI or an absolute path, and
 * then keeps the result of {@code url.Parse} (which also splits off the fragment).
 */
public final class KubeUrl {

  private final String scheme;
  private final String opaque;
  private final String host;
  private final String path;
  private final String rawPath;
  private final String rawQuery;
  private final String fragment;

  KubeUrl(
      String scheme,
      String opaque,
      String host,
      String path,
      String rawPath,
      String rawQuery,
      String fragment) {
    this.scheme = scheme;
    this.opaque = opaque;
    this.host = host;
    this.path = path;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.fragment = fragment;
  }

  /**
   * Parses as Kubernetes' {@code url()} does.
   *
   * @throws IllegalArgumentException with Go's message, e.g. {@code parse "x": invalid URI for
   *     request}
   */
  public static KubeUrl parse(String text) {
    GoUrlParser.parseRequestUri(text);
    return GoUrlParser.parse(text);
  }

  /** Whether Kubernetes' {@code isURL()} accepts the text. */
  public static boolean isValid(String text) {
    try {
      GoUrlParser.parseRequestUri(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public String scheme() {
    return scheme;
  }

  /** Host and port as written, without user info ({@code example.com:80}, {@code [::1]:80}). */
  public String host() {
    return host;
  }

  /** The host without port and without the brackets of an IPv6 literal. */
  public String hostname() {
    return splitHostPort(host)[0];
  }

  /** The port digits, or '' when there is none. */
  public String port() {
    return splitHostPort(host)[1];
  }

  /** Go's {@code EscapedPath}: the path as written when that is a valid encoding of it. */
  public String escapedPath() {
    if (!rawPath.isEmpty() && GoUrlEscaping.validEncodedPath(rawPath)) {
      Optional<String> decoded = GoUrlEscaping.tryUnescapePath(rawPath);
      if (decoded.isPresent() && decoded.get().equals(path)) {
        return rawPath;
      }
    }
    if (path.equals("*")) {
      return "*";
    }
    return GoUrlEscaping.escapePath(path);
  }

  /** Go's {@code Query()}: values by key in order; malformed pairs are skipped. */
  public Map<String, List<String>> query() {
    Map<String, ImmutableList.Builder<String>> values = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty() || pair.contains(";")) {
        continue;
      }
      int equals = pair.indexOf('=');
      String rawKey = equals < 0 ? pair : pair.substring(0, equals);
      String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
      Optional<String> key = GoUrlEscaping.tryUnescapeQueryComponent(rawKey);
      Optional<String> value = GoUrlEscaping.tryUnescapeQueryComponent(rawValue);
      if (key.isEmpty() || value.isEmpty()) {
        continue;
      }
      values.computeIfAbsent(key.get(), k -> ImmutableList.builder()).add(value.get());
    }
    ImmutableMap.Builder<String, List<String>> result = ImmutableMap.builder();
    values.forEach((k, v) -> result.put(k, v.build()));
    return result.build();
  }

  private static String[] splitHostPort(String hostPort) {
    String hostname = hostPort;
    String port = "";
    int colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && GoUrlParser.validOptionalPort(hostPort.substring(colon))) {
      hostname = hostPort.substring(0, colon);
      port = hostPort.substring(colon + 1);
    }
    if (hostname.startsWith("[") && hostname.endsWith("]")) {
      hostname = hostname.substring(1, hostname.length() - 1);
    }
    return new String[] {hostname, port};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubeUrl other
        && scheme.equals(other.scheme)
        && opaque.equals(other.opaque)
        && host.equals(other.host)
        && escapedPath().equals(other.escapedPath())
        && rawQuery.equals(other.rawQuery)
        && fragment.equals(other.fragment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, opaque, host, path, rawQuery, fragment);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (!scheme.isEmpty()) {
      s.append(scheme).append(':');
    }
    if (!opaque.isEmpty()) {
      s.append(opaque);
    } else {
      if (!host.isEmpty()) {
        s.append("//").append(host);
      }
      s.append(escapedPath());
    }
    if (!rawQuery.isEmpty()) {
      s.append('?').append(rawQuery);
    }
    if (!fragment.isEmpty()) {
      s.append('#').append(fragment);
    }
    return s.toString();
  }
}
