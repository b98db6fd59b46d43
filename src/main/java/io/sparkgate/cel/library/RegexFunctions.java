package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.member;

import com.google.common.collect.ImmutableList;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/** {@code find} and {@code findAll} with Go's RE2 syntax and match rules. */
final class RegexFunctions implements FunctionFamily {

  private final RegexCache cache;

  RegexFunctions(RegexCache cache) {
    this.cache = cache;
  }

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function(
            "find", member("string_find_string", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)),
        function(
            "findAll",
            member(
                "string_find_all_string",
                ListType.create(SimpleType.STRING),
                SimpleType.STRING,
                SimpleType.STRING),
            member(
                "string_find_all_string_int",
                ListType.create(SimpleType.STRING),
                SimpleType.STRING,
                SimpleType.STRING,
                SimpleType.INT)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_find_string", String.class, String.class, this::find),
        CelFunctionBinding.from(
            "string_find_all_string", String.class, String.class, (s, re) -> findAll(s, re, -1)),
        CelFunctionBinding.from(
            "string_find_all_string_int",
            List.of(String.class, String.class, Long.class),
            args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
  }

  /** The leftmost match, or '' when there is none. */
  String find(String text, String regex) {
    Matcher matcher = compile(regex).matcher(text);
    return matcher.find() ? matcher.group() : "";
  }

  /**
   * Successive non-overlapping matches, at most {@code limit} (all when negative), following Go's
   * {@code FindAllString}: an empty match right after the previous match is skipped.
   */
  List<String> findAll(String text, String regex, long limit) {
    Pattern pattern = compile(regex);
    ImmutableList.Builder<String> matches = ImmutableList.builder();
    if (limit == 0) {
      return matches.build();
    }
    Matcher matcher = pattern.matcher(text);
    int position = 0;
    int previousEnd = -1;
    long found = 0;
    while (position <= text.length() && (limit < 0 || found < limit)) {
      if (!matcher.find(position)) {
        break;
      }
      int start = matcher.start();
      int end = matcher.end();
      boolean accept = true;
      if (end == start) {
        if (start == previousEnd) {
          accept = false;
        }
        position =
            start < text.length() ? start + Character.charCount(text.codePointAt(start)) : start + 1;
      } else {
        position = end;
      }
      previousEnd = end;
      if (accept) {
        matches.add(text.substring(start, end));
        found++;
      }
    }
    return matches.build();
  }

  private Pattern compile(String regex) {
    try {
      return cache.compile(regex);
    } catch (PatternSyntaxException e) {
      throw KubeErrors.error("Illegal regex: %s", e.getMessage());
    }
  }
}
