package io.sparkgate.cel.library;

import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * Standard CEL's {@code matches} (global and member form) with compiled patterns taken from the
 * library's regex cache. CEL-Java's own binding compiles the pattern on every call, constant or
 * not; the environment leaves it out and binds this one to the same overload ids. Unanchored, as
 * in cel-go: the pattern may match anywhere in the string.
 */
final class CachedMatchesFunction implements FunctionFamily {
  static final String GLOBAL_OVERLOAD = "matches";
  static final String MEMBER_OVERLOAD = "matches_string";

  private final RegexCache cache;

  CachedMatchesFunction(RegexCache cache) {
    this.cache = cache;
  }

  /** The declarations are standard CEL's. */
  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of();
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from(GLOBAL_OVERLOAD, String.class, String.class, this::matches),
        CelFunctionBinding.from(MEMBER_OVERLOAD, String.class, String.class, this::matches));
  }

  boolean matches(String text, String regex) throws CelInvalidArgumentException {
    try {
      return cache.compile(regex).matcher(text).find();
    } catch (PatternSyntaxException | IllegalArgumentException e) {
      throw new CelInvalidArgumentException(e);
    }
  }
}
