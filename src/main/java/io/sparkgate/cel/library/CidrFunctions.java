package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.global;
import static io.sparkgate.cel.library.Decls.member;
import static io.sparkgate.cel.library.KubeTypes.CIDR;
import static io.sparkgate.cel.library.KubeTypes.IP;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/** {@code cidr}, {@code isCIDR}, {@code string(cidr)} and the {@code net.CIDR} methods. */
final class CidrFunctions implements FunctionFamily {

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function("cidr", global("string_to_cidr", CIDR, SimpleType.STRING)),
        function("isCIDR", global("is_cidr", SimpleType.BOOL, SimpleType.STRING)),
        function("string", global("cidr_to_string", SimpleType.STRING, CIDR)),
        function(
            "containsIP",
            member("cidr_contains_ip_string", SimpleType.BOOL, CIDR, SimpleType.STRING),
            member("cidr_contains_ip_ip", SimpleType.BOOL, CIDR, IP)),
        function(
            "containsCIDR",
            member("cidr_contains_cidr_string", SimpleType.BOOL, CIDR, SimpleType.STRING),
            member("cidr_contains_cidr", SimpleType.BOOL, CIDR, CIDR)),
        function("ip", member("cidr_ip", IP, CIDR)),
        function("masked", member("cidr_masked", CIDR, CIDR)),
        function("prefixLength", member("cidr_prefix_length", SimpleType.INT, CIDR)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_cidr", String.class, CidrFunctions::cidr),
        CelFunctionBinding.from("is_cidr", String.class, Cidr::isValid),
        CelFunctionBinding.from("cidr_to_string", Cidr.class, Cidr::toString),
        CelFunctionBinding.from(
            "cidr_contains_ip_string",
            Cidr.class,
            String.class,
            (cidr, ip) -> cidr.contains(IpFunctions.ip(ip))),
        CelFunctionBinding.from("cidr_contains_ip_ip", Cidr.class, IpAddress.class, Cidr::contains),
        CelFunctionBinding.from(
            "cidr_contains_cidr_string",
            Cidr.class,
            String.class,
            (cidr, other) -> cidr.containsCidr(cidr(other))),
        CelFunctionBinding.from("cidr_contains_cidr", Cidr.class, Cidr.class, Cidr::containsCidr),
        CelFunctionBinding.from("cidr_ip", Cidr.class, Cidr::ip),
        CelFunctionBinding.from("cidr_masked", Cidr.class, Cidr::masked),
        CelFunctionBinding.from("cidr_prefix_length", Cidr.class, c -> (long) c.prefixLength()));
  }

  static Cidr cidr(String text) {
    try {
      return Cidr.parse(text);
    } catch (IllegalArgumentException e) {
      throw KubeErrors.error(e.getMessage());
    }
  }
}
