package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.member;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * {@code <string>.format(<list>)}, printf-style, as in Kubernetes (cel-go strings extension,
 * version 2, en_US locale). CEL-Java 0.14.0's strings extension has no {@code format}.
 */
final class StringFormatFunction implements FunctionFamily {

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function(
            "format",
            member(
                "string_format",
                SimpleType.STRING,
                SimpleType.STRING,
                ListType.create(SimpleType.DYN))));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from(
            "string_format", String.class, List.class, StringFormatFunction::format));
  }

  static String format(String template, List<?> args) {
    try {
      return StringFormatter.format(template, args);
    } catch (StringFormatter.FormatException e) {
      throw KubeErrors.error(e.getMessage());
    }
  }
}
