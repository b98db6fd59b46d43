package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.global;
import static io.sparkgate.cel.library.Decls.member;
import static io.sparkgate.cel.library.KubeTypes.URL;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/** {@code url}, {@code isURL} and the {@code kubernetes.URL} getters. */
final class UrlFunctions implements FunctionFamily {

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function("url", global("string_to_url", URL, SimpleType.STRING)),
        function("isURL", global("is_url_string", SimpleType.BOOL, SimpleType.STRING)),
        function("getScheme", member("url_get_scheme", SimpleType.STRING, URL)),
        function("getHost", member("url_get_host", SimpleType.STRING, URL)),
        function("getHostname", member("url_get_hostname", SimpleType.STRING, URL)),
        function("getPort", member("url_get_port", SimpleType.STRING, URL)),
        function("getEscapedPath", member("url_get_escaped_path", SimpleType.STRING, URL)),
        function(
            "getQuery",
            member(
                "url_get_query",
                MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)),
                URL)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_url", String.class, UrlFunctions::url),
        CelFunctionBinding.from("is_url_string", String.class, KubeUrl::isValid),
        CelFunctionBinding.from("url_get_scheme", KubeUrl.class, KubeUrl::scheme),
        CelFunctionBinding.from("url_get_host", KubeUrl.class, KubeUrl::host),
        CelFunctionBinding.from("url_get_hostname", KubeUrl.class, KubeUrl::hostname),
        CelFunctionBinding.from("url_get_port", KubeUrl.class, KubeUrl::port),
        CelFunctionBinding.from("url_get_escaped_path", KubeUrl.class, KubeUrl::escapedPath),
        CelFunctionBinding.from("url_get_query", KubeUrl.class, KubeUrl::query));
  }

  private static KubeUrl url(String text) {
    try {
      return KubeUrl.parse(text);
    } catch (IllegalArgumentException e) {
      throw KubeErrors.error("URL parse error during conversion from string: %s", e.getMessage());
    }
  }
}
