package io.sparkgate.patch;

import java.util.ArrayList;
import java.util.List;

/** RFC 6901 pointers: {@code ~0} is {@code ~}, {@code ~1} is {@code /}. */
public final class JsonPointer {
  private JsonPointer() {}

  /** The reference tokens of a pointer, or null when it does not start with {@code /}. */
  public static List<String> parse(String pointer) {
    if (pointer == null || !pointer.startsWith("/")) {
      return null;
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      tokens.add(unescape(raw));
    }
    return tokens;
  }

  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  public static String append(String pointer, String token) {
    return pointer + "/" + escape(token);
  }
}
