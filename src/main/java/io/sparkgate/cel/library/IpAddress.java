package io.sparkgate.cel.library;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address (CEL type {@code net.IP}) parsed as Go's {@code netip.ParseAddr} parses
 * it, without any name resolution. Kubernetes refuses zones and IPv4-mapped IPv6 addresses.
 */
public final class IpAddress {

  private final byte[] bytes; // 4 or 16

  IpAddress(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /**
   * Parses as Kubernetes' {@code ip()} does.
   *
   * @throws IllegalArgumentException with Kubernetes' message
   */
  public static IpAddress parse(String text) {
    GoAddrParser.Parsed parsed;
    try {
      parsed = GoAddrParser.parseAddr(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "IP Address " + GoText.quote(text) + " parse error during conversion from string: "
              + e.getMessage(), e);
    }
    if (!parsed.zone().isEmpty()) {
      throw new IllegalArgumentException(
          "IP address " + GoText.quote(text) + " with zone value is not allowed");
    }
    if (parsed.address().isIpv4MappedIpv6()) {
      throw new IllegalArgumentException(
          "IPv4-mapped IPv6 address " + GoText.quote(text) + " is not allowed");
    }
    return parsed.address();
  }

  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** 4 or 6. */
  public int family() {
    return bytes.length == 4 ? 4 : 6;
  }

  int bitLength() {
    return bytes.length * 8;
  }

  byte[] bytes() {
    return bytes.clone();
  }

  boolean bit(int index) {
    return (bytes[index / 8] >> (7 - index % 8) & 1) == 1;
  }

  boolean isIpv4MappedIpv6() {
    if (bytes.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
  }

  public boolean isUnspecified() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** 127.0.0.0/8 or ::1. */
  public boolean isLoopback() {
    if (bytes.length == 4) {
      return unsigned(0) == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[15] == 1;
  }

  /** 224.0.0.0/24 or ff02::/16. */
  public boolean isLinkLocalMulticast() {
    if (bytes.length == 4) {
      return unsigned(0) == 224 && unsigned(1) == 0 && unsigned(2) == 0;
    }
    return unsigned(0) == 0xff && (unsigned(1) & 0x0f) == 0x02;
  }

  /** 169.254.0.0/16 or fe80::/10. */
  public boolean isLinkLocalUnicast() {
    if (bytes.length == 4) {
      return unsigned(0) == 169 && unsigned(1) == 254;
    }
    return unsigned(0) == 0xfe && (unsigned(1) & 0xc0) == 0x80;
  }

  private boolean isMulticast() {
    return bytes.length == 4 ? (unsigned(0) & 0xf0) == 0xe0 : unsigned(0) == 0xff;
  }

  /** Neither unspecified, broadcast, loopback, multicast nor link-local unicast. */
  public boolean isGlobalUnicast() {
    if (bytes.length == 4 && Arrays.equals(bytes, new byte[] {-1, -1, -1, -1})) {
      return false;
    }
    return !isUnspecified() && !isLoopback() && !isMulticast() && !isLinkLocalUnicast();
  }

  private int unsigned(int index) {
    return bytes[index] & 0xff;
  }

  /** The canonical form: dotted decimal, or RFC 5952 for IPv6 ({@code 2001:db8::1}). */
  @Override
  public String toString() {
    if (bytes.length == 4) {
      return unsigned(0) + "." + unsigned(1) + "." + unsigned(2) + "." + unsigned(3);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = unsigned(2 * i) << 8 | unsigned(2 * i + 1);
    }
    int zerosStart = -1;
    int zerosLength = 1; // only runs of two or more groups are compressed
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > zerosLength) {
        zerosStart = i;
        zerosLength = j - i;
      }
    }
    StringBuilder s = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == zerosStart) {
        s.append("::");
        i += zerosLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
