package io.sparkgate.cel.mutation;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The run-time value of an {@code Object{...}}, {@code Object.spec{...}} or {@code JSONPatch{...}}
 * literal: a map of the fields set, remembering the type name written, which Kubernetes checks
 * against the field path.
 */
public final class TypedObject extends AbstractMap<String, Object> {
  private final String typeName;
  private final Map<String, Object> fields;

  public TypedObject(String typeName, Map<?, ?> fields) {
    this.typeName = typeName;
    Map<String, Object> copy = new LinkedHashMap<>();
    fields.forEach((key, value) -> copy.put(String.valueOf(key), value));
    this.fields = Collections.unmodifiableMap(copy);
  }

  public String typeName() {
    return typeName;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return fields.entrySet();
  }

  @Override
  public Object get(Object key) {
    return fields.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return fields.containsKey(key);
  }

  @Override
  public String toString() {
    return typeName + fields;
  }
}
