package io.sparkgate.cel.library;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Percent-encoding rules of Go's {@code net/url}, per URL component. */
final class GoUrlEscaping {

  enum Mode {
    PATH,
    HOST,
    ZONE,
    USER_PASSWORD,
    QUERY_COMPONENT,
    FRAGMENT
  }

  private GoUrlEscaping() {}

  /** Decodes %XX escapes (and '+' in query components) or fails with Go's message. */
  static String unescape(String s, Mode mode) {
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          String bad = s.substring(i, Math.min(s.length(), i + 3));
          throw new IllegalArgumentException("invalid URL escape " + GoText.quote(bad));
        }
        String escape = s.substring(i, i + 3);
        if (mode == Mode.HOST && unhex(s.charAt(i + 1)) < 8 && !escape.equals("%25")) {
          throw new IllegalArgumentException("invalid URL escape " + GoText.quote(escape));
        }
        if (mode == Mode.ZONE) {
          int value = unhex(s.charAt(i + 1)) << 4 | unhex(s.charAt(i + 2));
          if (!escape.equals("%25") && value != ' ' && shouldEscape(value, Mode.HOST)) {
            throw new IllegalArgumentException("invalid URL escape " + GoText.quote(escape));
          }
        }
        i += 3;
      } else {
        if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscape(c, mode)) {
          throw new IllegalArgumentException(
              "invalid character " + GoText.quote(String.valueOf(c)) + " in host name");
        }
        i++;
      }
    }
    return decode(s, mode);
  }

  static Optional<String> tryUnescapePath(String s) {
    try {
      return Optional.of(unescape(s, Mode.PATH));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Optional<String> tryUnescapeQueryComponent(String s) {
    try {
      return Optional.of(unescape(s, Mode.QUERY_COMPONENT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String decode(String s, Mode mode) {
    if (s.indexOf('%') < 0 && (mode != Mode.QUERY_COMPONENT || s.indexOf('+') < 0)) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b == '%') {
        bytes.write(unhex((char) utf8[i + 1]) << 4 | unhex((char) utf8[i + 2]));
        i += 2;
      } else if (b == '+' && mode == Mode.QUERY_COMPONENT) {
        bytes.write(' ');
      } else {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Go's {@code escape(s, encodePath)}. */
  static String escapePath(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (shouldEscape(c, Mode.PATH)) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  /** Go's {@code validEncoded(s, encodePath)}: only characters a path may carry as written. */
  static boolean validEncodedPath(String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ("!$&'()*+,;=:@[]%".indexOf(c) >= 0 && c < 0x80) {
        continue;
      }
      if (shouldEscape(c, Mode.PATH)) {
        return false;
      }
    }
    return true;
  }

  static boolean shouldEscape(int c, Mode mode) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return false;
    }
    if ((mode == Mode.HOST || mode == Mode.ZONE) && "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
      return false;
    }
    if ("-_.~".indexOf(c) >= 0) {
      return false;
    }
    if ("$&+,/:;=?@".indexOf(c) >= 0) {
      switch (mode) {
        case PATH:
          return c == '?';
        case USER_PASSWORD:
          return c == '@' || c == '/' || c == '?' || c == ':';
        case QUERY_COMPONENT:
          return true;
        case FRAGMENT:
          return false;
        default:
          break;
      }
    }
    if (mode == Mode.FRAGMENT && "!()*".indexOf(c) >= 0) {
      return false;
    }
    return true;
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 0x80;
  }

  private static int unhex(char c) {
    return Character.digit(c, 16);
  }
}
