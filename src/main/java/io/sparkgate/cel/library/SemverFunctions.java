package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.global;
import static io.sparkgate.cel.library.Decls.member;
import static io.sparkgate.cel.library.KubeTypes.SEMVER;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/** {@code semver}, {@code isSemver} and the {@code kubernetes.Semver} methods (1.34). */
final class SemverFunctions implements FunctionFamily {

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function(
            "semver",
            global("string_to_semver", SEMVER, SimpleType.STRING),
            global("string_bool_to_semver", SEMVER, SimpleType.STRING, SimpleType.BOOL)),
        function(
            "isSemver",
            global("is_semver_string", SimpleType.BOOL, SimpleType.STRING),
            global("is_semver_string_bool", SimpleType.BOOL, SimpleType.STRING, SimpleType.BOOL)),
        function(
            "isGreaterThan", member("semver_is_greater_than", SimpleType.BOOL, SEMVER, SEMVER)),
        function("isLessThan", member("semver_is_less_than", SimpleType.BOOL, SEMVER, SEMVER)),
        function("compareTo", member("semver_compare_to", SimpleType.INT, SEMVER, SEMVER)),
        function("major", member("semver_major", SimpleType.INT, SEMVER)),
        function("minor", member("semver_minor", SimpleType.INT, SEMVER)),
        function("patch", member("semver_patch", SimpleType.INT, SEMVER)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_semver", String.class, s -> semver(s, false)),
        CelFunctionBinding.from(
            "string_bool_to_semver", String.class, Boolean.class, SemverFunctions::semver),
        CelFunctionBinding.from("is_semver_string", String.class, s -> isSemver(s, false)),
        CelFunctionBinding.from(
            "is_semver_string_bool", String.class, Boolean.class, SemverFunctions::isSemver),
        CelFunctionBinding.from(
            "semver_is_greater_than", Semver.class, Semver.class, Semver::isGreaterThan),
        CelFunctionBinding.from(
            "semver_is_less_than", Semver.class, Semver.class, Semver::isLessThan),
        CelFunctionBinding.from(
            "semver_compare_to", Semver.class, Semver.class, (a, b) -> (long) a.compareTo(b)),
        CelFunctionBinding.from("semver_major", Semver.class, Semver::major),
        CelFunctionBinding.from("semver_minor", Semver.class, Semver::minor),
        CelFunctionBinding.from("semver_patch", Semver.class, Semver::patch));
  }

  private static Semver semver(String text, boolean normalize) {
    try {
      return normalize ? Semver.parseNormalized(text) : Semver.parse(text);
    } catch (IllegalArgumentException e) {
      throw KubeErrors.error(e.getMessage());
    }
  }

  private static boolean isSemver(String text, boolean normalize) {
    try {
      semver(text, normalize);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
