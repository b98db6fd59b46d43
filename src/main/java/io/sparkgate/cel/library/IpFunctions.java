package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.global;
import static io.sparkgate.cel.library.Decls.member;
import static io.sparkgate.cel.library.KubeTypes.IP;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/** {@code ip}, {@code isIP}, {@code ip.isCanonical}, {@code string(ip)} and the IP predicates. */
final class IpFunctions implements FunctionFamily {

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function("ip", global("string_to_ip", IP, SimpleType.STRING)),
        function("isIP", global("is_ip", SimpleType.BOOL, SimpleType.STRING)),
        function("ip.isCanonical", global("ip_is_canonical", SimpleType.BOOL, SimpleType.STRING)),
        function("string", global("ip_to_string", SimpleType.STRING, IP)),
        function("family", member("ip_family", SimpleType.INT, IP)),
        function("isUnspecified", member("ip_is_unspecified", SimpleType.BOOL, IP)),
        function("isLoopback", member("ip_is_loopback", SimpleType.BOOL, IP)),
        function(
            "isLinkLocalMulticast", member("ip_is_link_local_multicast", SimpleType.BOOL, IP)),
        function("isLinkLocalUnicast", member("ip_is_link_local_unicast", SimpleType.BOOL, IP)),
        function("isGlobalUnicast", member("ip_is_global_unicast", SimpleType.BOOL, IP)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_ip", String.class, IpFunctions::ip),
        CelFunctionBinding.from("is_ip", String.class, IpAddress::isValid),
        CelFunctionBinding.from(
            "ip_is_canonical", String.class, s -> ip(s).toString().equals(s)),
        CelFunctionBinding.from("ip_to_string", IpAddress.class, IpAddress::toString),
        CelFunctionBinding.from("ip_family", IpAddress.class, ip -> (long) ip.family()),
        CelFunctionBinding.from("ip_is_unspecified", IpAddress.class, IpAddress::isUnspecified),
        CelFunctionBinding.from("ip_is_loopback", IpAddress.class, IpAddress::isLoopback),
        CelFunctionBinding.from(
            "ip_is_link_local_multicast", IpAddress.class, IpAddress::isLinkLocalMulticast),
        CelFunctionBinding.from(
            "ip_is_link_local_unicast", IpAddress.class, IpAddress::isLinkLocalUnicast),
        CelFunctionBinding.from(
            "ip_is_global_unicast", IpAddress.class, IpAddress::isGlobalUnicast));
  }

  static IpAddress ip(String text) {
    try {
      return IpAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw KubeErrors.error(e.getMessage());
    }
  }
}
