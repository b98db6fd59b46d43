package io.sparkgate.cel.mutation;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The struct types of MutatingAdmissionPolicy expressions: {@code JSONPatch} with its four fields,
 * and {@code Object} / {@code Object.<path>} with fields of any type. CEL-Java checks a literal's
 * fields against a fixed name set, so the field names of Object literals are declared from each
 * expression before it is checked ({@link #declareFields}); all of them are {@code dyn}.
 */
public final class MutationTypes implements CelTypeProvider {
  public static final String JSON_PATCH = "JSONPatch";
  public static final String OBJECT = "Object";

  private static final Map<String, CelType> JSON_PATCH_FIELDS =
      Map.of("op", SimpleType.STRING, "path", SimpleType.STRING, "from", SimpleType.STRING, "value", SimpleType.DYN);
  private static final StructType JSON_PATCH_TYPE = StructType.create(JSON_PATCH,
      ImmutableSet.copyOf(JSON_PATCH_FIELDS.keySet()), field -> Optional.ofNullable(JSON_PATCH_FIELDS.get(field)));

  private final Map<String, Set<String>> objectFields = new ConcurrentHashMap<>();

  public static boolean isObjectType(String name) {
    return name.equals(OBJECT) || name.startsWith(OBJECT + ".");
  }

  public static boolean isMutationType(String name) {
    return name.equals(JSON_PATCH) || isObjectType(name);
  }

  /** Makes {@code field} a field of the Object type {@code typeName} for every later check. */
  void declareFields(String typeName, Iterable<String> fields) {
    Set<String> known = objectFields.computeIfAbsent(typeName, name -> ConcurrentHashMap.newKeySet());
    fields.forEach(known::add);
  }

  @Override
  public ImmutableCollection<CelType> types() {
    return ImmutableList.of(JSON_PATCH_TYPE);
  }

  @Override
  public Optional<CelType> findType(String name) {
    if (name.equals(JSON_PATCH)) {
      return Optional.of(JSON_PATCH_TYPE);
    }
    if (isObjectType(name)) {
      return Optional.of(StructType.create(name, ImmutableSet.copyOf(objectFields.getOrDefault(name, Set.of())),
          field -> Optional.of(SimpleType.DYN)));
    }
    return Optional.empty();
  }
}
