package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.global;
import static io.sparkgate.cel.library.Decls.member;
import static io.sparkgate.cel.library.KubeTypes.NAMED_FORMAT;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code format.named(name)}, the constant formats {@code format.dns1123Label()} … and
 * {@code <format>.validate(value)} (1.32), which yields the error messages, or none when valid.
 */
final class NamedFormatFunctions implements FunctionFamily {

  /** By the name used in {@code format.<name>()} and {@code format.named('<name>')}. */
  static final Map<String, NamedFormat> FORMATS = formats();

  private static Map<String, NamedFormat> formats() {
    Map<String, NamedFormat> formats = new LinkedHashMap<>();
    formats.put("dns1123Label", new NamedFormat("DNS1123Label", KubeNameValidation::dns1123Label));
    formats.put(
        "dns1123Subdomain",
        new NamedFormat("DNS1123Subdomain", KubeNameValidation::dns1123Subdomain));
    formats.put("dns1035Label", new NamedFormat("DNS1035Label", KubeNameValidation::dns1035Label));
    formats.put(
        "qualifiedName", new NamedFormat("QualifiedName", KubeNameValidation::qualifiedName));
    formats.put(
        "dns1123LabelPrefix",
        new NamedFormat(
            "DNS1123LabelPrefix",
            s -> KubeNameValidation.dns1123Label(KubeNameValidation.maskTrailingDash(s))));
    formats.put(
        "dns1123SubdomainPrefix",
        new NamedFormat(
            "DNS1123SubdomainPrefix",
            s -> KubeNameValidation.dns1123Subdomain(KubeNameValidation.maskTrailingDash(s))));
    formats.put(
        "dns1035LabelPrefix",
        new NamedFormat(
            "DNS1035LabelPrefix",
            s -> KubeNameValidation.dns1035Label(KubeNameValidation.maskTrailingDash(s))));
    formats.put("labelValue", new NamedFormat("LabelValue", KubeNameValidation::labelValue));
    formats.put("uri", new NamedFormat("URI", KubeNameValidation::uri));
    formats.put("uuid", new NamedFormat("uuid", KubeNameValidation::uuid));
    formats.put("byte", new NamedFormat("byte", KubeNameValidation::base64));
    formats.put("date", new NamedFormat("date", KubeNameValidation::date));
    formats.put("datetime", new NamedFormat("datetime", KubeNameValidation::dateTime));
    return Map.copyOf(formats);
  }

  @Override
  public List<CelFunctionDecl> declarations() {
    List<CelFunctionDecl> declarations = new ArrayList<>();
    declarations.add(
        function(
            "validate",
            member(
                "format-validate",
                OptionalType.create(ListType.create(SimpleType.STRING)),
                NAMED_FORMAT,
                SimpleType.STRING)));
    declarations.add(
        function(
            "format.named",
            global("format-named", OptionalType.create(NAMED_FORMAT), SimpleType.STRING)));
    for (String name : FORMATS.keySet()) {
      declarations.add(function("format." + name, global("format." + name, NAMED_FORMAT)));
    }
    return declarations;
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    List<CelFunctionBinding> bindings = new ArrayList<>();
    bindings.add(
        CelFunctionBinding.from(
            "format-validate", NamedFormat.class, String.class, NamedFormatFunctions::validate));
    bindings.add(
        CelFunctionBinding.from(
            "format-named", String.class, name -> Optional.ofNullable(FORMATS.get(name))));
    FORMATS.forEach(
        (name, format) ->
            bindings.add(CelFunctionBinding.from("format." + name, List.of(), args -> format)));
    return bindings;
  }

  static Optional<List<String>> validate(NamedFormat format, String value) {
    List<String> errors = format.validate(value);
    return errors.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(errors));
  }
}
