package io.sparkgate.cel.library;

import java.util.Objects;

/**
 * An IP prefix such as {@code 10.0.0.0/8} (CEL type {@code net.CIDR}), parsed as Go's
 * {@code netip.ParsePrefix}. The address keeps its host bits: {@code cidr('10.1.2.3/8').ip()} is
 * 10.1.2.3 and {@link #masked()} clears them.
 */
public final class Cidr {

  private final IpAddress address;
  private final int prefixLength;

  Cidr(IpAddress address, int prefixLength) {
    this.address = address;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses as Kubernetes' {@code cidr()} does.
   *
   * @throws IllegalArgumentException with Kubernetes' message
   */
  public static Cidr parse(String text) {
    Cidr cidr;
    try {
      cidr = parsePrefix(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "network address parse error during conversion from string: " + e.getMessage(), e);
    }
    if (cidr.address.isIpv4MappedIpv6()) {
      throw new IllegalArgumentException(
          "IPv4-mapped IPv6 address " + GoText.quote(text) + " is not allowed");
    }
    return cidr;
  }

  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Cidr parsePrefix(String s) {
    int slash = s.lastIndexOf('/');
    if (slash < 0) {
      throw prefixError(s, "no '/'");
    }
    GoAddrParser.Parsed parsed;
    try {
      parsed = GoAddrParser.parseAddr(s.substring(0, slash));
    } catch (IllegalArgumentException e) {
      throw prefixError(s, e.getMessage());
    }
    if (!parsed.zone().isEmpty()) {
      throw prefixError(s, "IPv6 zones cannot be present in a prefix");
    }
    String bitsText = s.substring(slash + 1);
    boolean wellFormed =
        !bitsText.isEmpty()
            && bitsText.chars().allMatch(c -> c >= '0' && c <= '9')
            && (bitsText.length() == 1 || bitsText.charAt(0) != '0');
    long bits;
    try {
      if (!wellFormed) {
        throw new NumberFormatException();
      }
      bits = Long.parseLong(bitsText); // Go's Atoi: anything beyond int64 is malformed
    } catch (NumberFormatException e) {
      throw prefixError(s, "bad bits after slash: " + GoText.quote(bitsText));
    }
    if (bits > parsed.address().bitLength()) {
      throw prefixError(s, "prefix length out of range");
    }
    return new Cidr(parsed.address(), (int) bits);
  }

  private static IllegalArgumentException prefixError(String in, String message) {
    return new IllegalArgumentException(
        "netip.ParsePrefix(" + GoText.quote(in) + "): " + message);
  }

  /** The address as written, host bits included. */
  public IpAddress ip() {
    return address;
  }

  public int prefixLength() {
    return prefixLength;
  }

  /** The same prefix with the host bits cleared: {@code 10.1.2.3/8} becomes {@code 10.0.0.0/8}. */
  public Cidr masked() {
    byte[] bytes = address.bytes();
    for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
    }
    return new Cidr(new IpAddress(bytes), prefixLength);
  }

  /** Whether the address is in this prefix; addresses of the other family never are. */
  public boolean contains(IpAddress ip) {
    return ip.family() == address.family() && samePrefixBits(ip, prefixLength);
  }

  /** Whether every address of {@code other} is in this prefix. */
  public boolean containsCidr(Cidr other) {
    return other.address.family() == address.family()
        && prefixLength <= other.prefixLength
        && samePrefixBits(other.address, prefixLength);
  }

  private boolean samePrefixBits(IpAddress ip, int bits) {
    for (int i = 0; i < bits; i++) {
      if (ip.bit(i) != address.bit(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr other
        && prefixLength == other.prefixLength
        && address.equals(other.address);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, prefixLength);
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
