package io.sparkgate.cel.library;

import io.sparkgate.cel.library.GoUrlEscaping.Mode;
import java.util.Locale;

/**
 * Go's {@code url.Parse} and {@code url.ParseRequestURI}, reduced to what the Kubernetes URL
 * functions observe. Errors carry Go's text: {@code parse "<url>": <reason>}.
 */
final class GoUrlParser {

  private GoUrlParser() {}

  /** {@code url.ParseRequestURI}: no fragment splitting, and relative references are refused. */
  static KubeUrl parseRequestUri(String raw) {
    try {
      return parse(raw, true, "");
    } catch (IllegalArgumentException e) {
      throw wrapped(raw, e);
    }
  }

  /** {@code url.Parse}: the fragment after the first '#' is split off and unescaped. */
  static KubeUrl parse(String raw) {
    int hash = raw.indexOf('#');
    String withoutFragment = hash < 0 ? raw : raw.substring(0, hash);
    String fragment = "";
    if (hash >= 0) {
      try {
        fragment = GoUrlEscaping.unescape(raw.substring(hash + 1), Mode.FRAGMENT);
      } catch (IllegalArgumentException e) {
        throw wrapped(raw, e);
      }
    }
    try {
      return parse(withoutFragment, false, fragment);
    } catch (IllegalArgumentException e) {
      throw wrapped(withoutFragment, e);
    }
  }

  private static IllegalArgumentException wrapped(String url, IllegalArgumentException e) {
    return new IllegalArgumentException("parse " + GoText.quote(url) + ": " + e.getMessage(), e);
  }

  private static KubeUrl parse(String raw, boolean viaRequest, String fragment) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < ' ' || c == 0x7f) {
        throw new IllegalArgumentException("net/url: invalid control character in URL");
      }
    }
    if (raw.isEmpty() && viaRequest) {
      throw new IllegalArgumentException("empty url");
    }
    if (raw.equals("*")) {
      return new KubeUrl("", "", "", "*", "", "", fragment);
    }
    String[] schemeAndRest = splitScheme(raw);
    String scheme = schemeAndRest[0].toLowerCase(Locale.ROOT);
    String rest = schemeAndRest[1];
    String rawQuery = "";
    int question = rest.indexOf('?');
    if (rest.endsWith("?") && question == rest.length() - 1) {
      rest = rest.substring(0, rest.length() - 1); // ForceQuery: an empty query
    } else if (question >= 0) {
      rawQuery = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    if (!rest.startsWith("/")) {
      if (!scheme.isEmpty()) {
        return new KubeUrl(scheme, rest, "", "", "", rawQuery, fragment);
      }
      if (viaRequest) {
        throw new IllegalArgumentException("invalid URI for request");
      }
      int slash = rest.indexOf('/');
      String firstSegment = slash < 0 ? rest : rest.substring(0, slash);
      if (firstSegment.contains(":")) {
        throw new IllegalArgumentException("first path segment in URL cannot contain colon");
      }
    }
    String host = "";
    if ((!scheme.isEmpty() || (!viaRequest && !rest.startsWith("///"))) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      rest = "";
      int slash = authority.indexOf('/');
      if (slash >= 0) {
        rest = authority.substring(slash);
        authority = authority.substring(0, slash);
      }
      host = parseAuthority(authority);
    }
    String path = GoUrlEscaping.unescape(rest, Mode.PATH);
    String rawPath = GoUrlEscaping.escapePath(path).equals(rest) ? "" : rest;
    return new KubeUrl(scheme, "", host, path, rawPath, rawQuery, fragment);
  }

  /** Returns {scheme, rest}; the scheme is '' when the text does not start with one. */
  private static String[] splitScheme(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          return new String[] {"", raw};
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw new IllegalArgumentException("missing protocol scheme");
        }
        return new String[] {raw.substring(0, i), raw.substring(i + 1)};
      }
      return new String[] {"", raw};
    }
    return new String[] {"", raw};
  }

  private static String parseAuthority(String authority) {
    int at = authority.lastIndexOf('@');
    String host = parseHost(at < 0 ? authority : authority.substring(at + 1));
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      if (!validUserInfo(userInfo)) {
        throw new IllegalArgumentException("net/url: invalid userinfo");
      }
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        GoUrlEscaping.unescape(userInfo, Mode.USER_PASSWORD);
      } else {
        GoUrlEscaping.unescape(userInfo.substring(0, colon), Mode.USER_PASSWORD);
        GoUrlEscaping.unescape(userInfo.substring(colon + 1), Mode.USER_PASSWORD);
      }
    }
    return host;
  }

  private static String parseHost(String host) {
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ']' in host");
      }
      String colonPort = host.substring(close + 1);
      if (!validOptionalPort(colonPort)) {
        throw new IllegalArgumentException(
            "invalid port " + GoText.quote(colonPort) + " after host");
      }
      int zone = host.substring(0, close).indexOf("%25");
      if (zone >= 0) {
        return GoUrlEscaping.unescape(host.substring(0, zone), Mode.HOST)
            + GoUrlEscaping.unescape(host.substring(zone, close), Mode.ZONE)
            + GoUrlEscaping.unescape(host.substring(close), Mode.HOST);
      }
    } else {
      int colon = host.lastIndexOf(':');
      if (colon >= 0) {
        String colonPort = host.substring(colon);
        if (!validOptionalPort(colonPort)) {
          throw new IllegalArgumentException(
              "invalid port " + GoText.quote(colonPort) + " after host");
        }
      }
    }
    return GoUrlEscaping.unescape(host, Mode.HOST);
  }

  /** '' or ':' followed by digits only. */
  static boolean validOptionalPort(String port) {
    if (port.isEmpty()) {
      return true;
    }
    if (port.charAt(0) != ':') {
      return false;
    }
    for (int i = 1; i < port.length(); i++) {
      char c = port.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean validUserInfo(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && "-._:~!$&'()*+,;=%@".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }
}
