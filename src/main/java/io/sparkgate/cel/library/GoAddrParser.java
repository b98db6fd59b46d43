package io.sparkgate.cel.library;

/**
 * Go's {@code netip.ParseAddr} grammar and messages: strict dotted-decimal IPv4 (no leading
 * zeros), IPv6 with at most one '::', an optional trailing IPv4 part and an optional zone.
 * Purely textual: nothing is ever resolved.
 */
final class GoAddrParser {

  record Parsed(IpAddress address, String zone) {}

  private GoAddrParser() {}

  static Parsed parseAddr(String s) {
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case '.':
          return new Parsed(new IpAddress(parseIpv4(s, s, 0, s.length())), "");
        case ':':
          return parseIpv6(s);
        case '%':
          throw error(s, "missing IPv6 address", null);
        default:
          break;
      }
    }
    throw error(s, "unable to parse IP", null);
  }

  private static IllegalArgumentException error(String in, String message, String at) {
    String text = "ParseAddr(" + GoText.quote(in) + "): " + message;
    if (at != null && !at.isEmpty()) {
      text += " (at " + GoText.quote(at) + ")";
    }
    return new IllegalArgumentException(text);
  }

  private static byte[] parseIpv4(String in, String s, int from, int to) {
    byte[] fields = new byte[4];
    int value = 0;
    int digits = 0;
    int field = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 1 && value == 0) {
          throw error(in, "IPv4 field has octet with leading zero", null);
        }
        value = value * 10 + (c - '0');
        digits++;
        if (value > 255) {
          throw error(in, "IPv4 field has value >255", null);
        }
      } else if (c == '.') {
        if (i == from || i == to - 1 || s.charAt(i - 1) == '.') {
          throw error(in, "IPv4 field must have at least one digit", s.substring(i, to));
        }
        if (field == 3) {
          throw error(in, "IPv4 address too long", null);
        }
        fields[field++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        throw error(in, "unexpected character", s.substring(i, to));
      }
    }
    if (field < 3) {
      throw error(in, "IPv4 address too short", null);
    }
    fields[3] = (byte) value;
    return fields;
  }

  private static Parsed parseIpv6(String in) {
    String s = in;
    String zone = "";
    int percent = s.indexOf('%');
    if (percent >= 0) {
      zone = s.substring(percent + 1);
      s = s.substring(0, percent);
      if (zone.isEmpty()) {
        throw error(in, "zone must be a non-empty string", null);
      }
    }
    byte[] ip = new byte[16];
    int ellipsis = -1;
    int pos = 0; // index into s
    if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      pos = 2;
      if (pos == s.length()) {
        return new Parsed(new IpAddress(ip), zone);
      }
    }
    int i = 0; // bytes filled
    while (i < 16) {
      int digits = 0;
      int accumulator = 0;
      while (pos + digits < s.length()) {
        int d = Character.digit(s.charAt(pos + digits), 16);
        if (d < 0 || s.charAt(pos + digits) > 0x7f) {
          break;
        }
        accumulator = (accumulator << 4) + d;
        if (digits >= 4) {
          throw error(in, "each group must have 4 or less digits", s.substring(pos));
        }
        if (accumulator > 0xffff) {
          throw error(in, "IPv6 field has value >=2^16", s.substring(pos));
        }
        digits++;
      }
      if (digits == 0) {
        throw error(in, "each colon-separated field must have at least one digit", s.substring(pos));
      }
      if (pos + digits < s.length() && s.charAt(pos + digits) == '.') {
        if (ellipsis < 0 && i != 12) {
          throw error(
              in,
              "embedded IPv4 address must replace the final 2 fields of the address",
              s.substring(pos));
        }
        if (i + 4 > 16) {
          throw error(
              in,
              "too many hex fields to fit an embedded IPv4 at the end of the address",
              s.substring(pos));
        }
        byte[] v4 = parseIpv4(in, s, pos, s.length());
        System.arraycopy(v4, 0, ip, i, 4);
        pos = s.length();
        i += 4;
        break;
      }
      ip[i] = (byte) (accumulator >> 8);
      ip[i + 1] = (byte) accumulator;
      i += 2;
      pos += digits;
      if (pos == s.length()) {
        break;
      }
      if (s.charAt(pos) != ':') {
        throw error(in, "unexpected character, want colon", s.substring(pos));
      }
      if (pos + 1 == s.length()) {
        throw error(in, "colon must be followed by more characters", s.substring(pos));
      }
      pos++;
      if (s.charAt(pos) == ':') {
        if (ellipsis >= 0) {
          throw error(in, "multiple :: in address", s.substring(pos));
        }
        ellipsis = i;
        pos++;
        if (pos == s.length()) {
          break;
        }
      }
    }
    if (pos != s.length()) {
      throw error(in, "trailing garbage after address", s.substring(pos));
    }
    if (i < 16) {
      if (ellipsis < 0) {
        throw error(in, "address string too short", null);
      }
      int shift = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        ip[j + shift] = ip[j];
      }
      for (int j = ellipsis; j < ellipsis + shift; j++) {
        ip[j] = 0;
      }
    } else if (ellipsis >= 0) {
      throw error(in, "the :: must expand to at least one field of zeros", s.substring(pos));
    }
    return new Parsed(new IpAddress(ip), zone);
  }
}
