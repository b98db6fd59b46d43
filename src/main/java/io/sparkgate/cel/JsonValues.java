package io.sparkgate.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * CEL values over a Jackson tree, converted lazily: a policy that reads three fields of a pod
 * pays for three fields, not for the whole object.
 */
public final class JsonValues {
  private JsonValues() {}

  /** The CEL value of a node: Long, Double, String, Boolean, NullValue, or a lazy List / Map. */
  public static Object of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    switch (node.getNodeType()) {
      case OBJECT:
        return new JsonMap(node);
      case ARRAY:
        return new JsonList(node);
      case STRING:
        return node.textValue();
      case BOOLEAN:
        return node.booleanValue();
      case NUMBER:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.longValue();
        }
        return node.doubleValue();
      case BINARY:
        return node.asText();
      default:
        return NullValue.NULL_VALUE;
    }
  }

  /**
   * The CEL value of a request's {@code object}, as {@link #of} gives it, and one that keeps what
   * {@link #derivedOnce} derives from it. One such value is built per request.
   */
  public static Object ofRequestObject(JsonNode node) {
    return node != null && node.isObject() ? new DerivingMap(node) : of(node);
  }

  /**
   * What {@code derive} computes from {@code value}, computed once when {@code value} is a
   * request's object ({@link #ofRequestObject}): what several policies derive from it (a Spark
   * application's sizing) is computed once per request, and forgotten with it. For any other
   * value, and when {@code derive} fails or gives null, it is computed on every call. {@code key}
   * names the derivation; {@code derive} must depend on the value alone.
   */
  @SuppressWarnings("unchecked")
  public static <T> T derivedOnce(Object value, Object key, Function<Object, T> derive) {
    if (!(value instanceof DerivingMap map)) {
      return derive.apply(value);
    }
    Object known = map.derived.get(key);
    if (known != null) {
      return (T) known;
    }
    T computed = derive.apply(value);
    if (computed != null) {
      Map<Object, Object> more = new HashMap<>(map.derived);
      more.put(key, computed);
      map.derived = Map.copyOf(more);
    }
    return computed;
  }

  /** Whether a value is one of these views: part of the request, so no larger than its body. */
  public static boolean isView(Class<?> type) {
    return type == JsonMap.class || type == JsonList.class || type == DerivingMap.class;
  }

  /** A read-only map view of a JSON object. */
  static class JsonMap extends AbstractMap<String, Object> {
    private final JsonNode node;

    JsonMap(JsonNode node) {
      this.node = node;
    }

    @Override
    public Object get(Object key) {
      if (!(key instanceof String)) {
        return null;
      }
      JsonNode child = node.get((String) key);
      return child == null ? null : of(child);
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String && node.has((String) key);
    }

    @Override
    public int size() {
      return node.size();
    }

    @Override
    public boolean isEmpty() {
      return node.isEmpty();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return fields.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Map.Entry<String, JsonNode> field = fields.next();
              return new SimpleImmutableEntry<>(field.getKey(), of(field.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return node.size();
        }
      };
    }
  }

  /** The view of a request's object, with the values derived from it. */
  static final class DerivingMap extends JsonMap {
    // volatile: a request is evaluated by one thread at a time, not necessarily always the same one
    private volatile Map<Object, Object> derived = Map.of();

    DerivingMap(JsonNode node) {
      super(node);
    }
  }

  /** A read-only list view of a JSON array. */
  static final class JsonList extends AbstractList<Object> {
    private final JsonNode node;

    JsonList(JsonNode node) {
      this.node = node;
    }

    @Override
    public Object get(int index) {
      return of(node.get(index));
    }

    @Override
    public int size() {
      return node.size();
    }
  }
}
