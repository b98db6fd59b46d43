package io.sparkgate.evaluate;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The cost of one function call, from its arguments' and result's sizes: cel-go's runtime cost
 * (interpreter/runtimecost.go) for the standard functions, Kubernetes' (apiserver/pkg/cel/library
 * cost.go) for its library, and for the extension functions that build a list or string, the
 * size of what they build. Any other call costs 1.
 */
final class CallCost {
  /** cel-go's common.StringTraversalCostFactor: a unit per 10 characters traversed. */
  private static final int TRAVERSAL_DIVISOR = 10;
  /** cel-go's common.RegexStringLengthCostFactor: a unit per 4 characters of pattern. */
  private static final int REGEX_DIVISOR = 4;
  /** Kubernetes' fixed cost of an authorization check: two per expression. */
  private static final long AUTHORIZATION_CHECK = 350_000;

  /** The values the call's arguments evaluated to, by argument position (a receiver is argument 0). */
  interface Arguments {
    Object get(int index);
  }

  private CallCost() {}

  static long of(String function, Arguments args, int count, Object result) {
    return switch (function) {
      // logical operators and the ternary cost nothing themselves: their operands are counted
      case "_&&_", "_||_", "_?_:_" -> 0;
      case "startsWith", "endsWith" -> traversal(size(args.get(0)));
      case "bytes" -> args.get(0) instanceof String text ? traversal(text.length()) : 1;
      case "string" -> args.get(0) instanceof ByteString bytes ? traversal(bytes.size()) : 1;
      case "@in" -> args.get(1) instanceof List<?> list ? list.size() : 1;
      case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_" -> traversal(Math.min(size(args.get(0)), size(args.get(1))));
      case "_+_" -> concatenated(args.get(0), args.get(1));
      case "matches", "find", "findAll", "regex.extract", "regex.extractAll", "regex.replace" ->
          count < 2 ? 1 : regex(size(args.get(0)), size(args.get(1)));
      case "contains" -> args.get(0) instanceof String text && args.get(1) instanceof String part
          ? traversal(text.length()) * traversal(part.length()) : 1;
      case "isSorted", "sum", "max", "min", "indexOf", "lastIndexOf" -> elementTraversal(args.get(0));
      case "url", "lowerAscii", "upperAscii", "substring", "trim", "quantity", "isQuantity", "cidr", "isIP",
          "isCIDR", "strings.quote", "base64.encode", "base64.decode" -> traversal(size(args.get(0)));
      case "ip" -> args.get(0) instanceof String text ? traversal(text.length()) : 1;
      case "replace", "split" -> traversal(2L * size(args.get(0)));
      case "join", "format" -> traversal(2L * size(result));
      case "sets.contains", "sets.equivalent", "sets.intersects" ->
          Math.max(1, (long) size(args.get(0)) + size(args.get(1)));
      case "check" -> AUTHORIZATION_CHECK;
      // Kubernetes 1.35 list functions: one unit per element they read or build
      case "lists.range" -> Math.max(1, size(result));
      case "sort", "sortBy", "distinct", "flatten", "reverse", "slice" ->
          Math.max(1, Math.max(size(args.get(0)), size(result)));
      default -> 1;
    };
  }

  /** Strings and bytes are copied; lists are concatenated as views. */
  private static long concatenated(Object left, Object right) {
    if (left instanceof String || left instanceof ByteString) {
      return traversal((long) size(left) + size(right));
    }
    return 1;
  }

  private static long traversal(long size) {
    return (size + TRAVERSAL_DIVISOR - 1) / TRAVERSAL_DIVISOR;
  }

  /** The text's traversal times the pattern's size; one more character so an empty text still costs. */
  private static long regex(int text, int pattern) {
    return traversal(1L + text) * ((pattern + REGEX_DIVISOR - 1) / REGEX_DIVISOR);
  }

  /** One unit per element compared, plus the traversal of string elements (Kubernetes' traversalCost). */
  private static long elementTraversal(Object value) {
    if (value instanceof String text) {
      return text.length() / TRAVERSAL_DIVISOR;
    }
    if (!(value instanceof Collection<?> elements)) {
      return 1;
    }
    long cost = 0;
    for (Object element : elements) {
      cost += element instanceof String text ? text.length() / TRAVERSAL_DIVISOR : 1;
    }
    return cost;
  }

  /** cel-go's actualSize: the length of strings, bytes, lists and maps; 1 for anything else. */
  static int size(Object value) {
    if (value instanceof String text) {
      return text.length();
    }
    if (value instanceof Collection<?> collection) {
      return collection.size();
    }
    if (value instanceof Map<?, ?> map) {
      return map.size();
    }
    if (value instanceof ByteString bytes) {
      return bytes.size();
    }
    return 1;
  }
}
