package io.sparkgate.cel.mutation;

import dev.cel.checker.CelCheckerBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;
import java.util.Map;
import java.util.Optional;

/**
 * What MutatingAdmissionPolicy adds to CEL: the {@code JSONPatch} and {@code Object} types (see
 * {@link MutationTypes}) and {@code jsonpatch.escapeKey(string)}. CEL-Java's standard runtime can
 * only build protobuf messages, so {@link LiteralLowering} turns these literals into calls of the
 * internal function {@link #LITERAL_FUNCTION}, which builds a {@link TypedObject}.
 */
public final class MutationCelLibrary implements CelCompilerLibrary, CelRuntimeLibrary {
  /** Not a CEL identifier, so no expression can call it directly. */
  static final String LITERAL_FUNCTION = "@sparkgate.literal";
  private static final String LITERAL_OVERLOAD = "sparkgate_literal_string_map";
  private static final String ESCAPE_KEY_OVERLOAD = "jsonpatch_escape_key_string";

  private final MutationTypes types = new MutationTypes();
  private final CelTypeProvider extraTypes;

  public MutationCelLibrary() {
    this(null);
  }

  /** With {@code extraTypes} (may be null) resolving struct types besides JSONPatch and Object. */
  public MutationCelLibrary(CelTypeProvider extraTypes) {
    this.extraTypes = extraTypes;
  }

  public MutationTypes types() {
    return types;
  }

  @Override
  public void setCheckerOptions(CelCheckerBuilder checker) {
    checker.setTypeProvider(extraTypes == null ? types : new CelTypeProvider() {
      // CelTypeProvider.CombinedCelTypeProvider only looks in types(): Object types are made on demand.
      @Override
      public ImmutableCollection<CelType> types() {
        return ImmutableList.<CelType>builder().addAll(types.types()).addAll(extraTypes.types()).build();
      }

      @Override
      public Optional<CelType> findType(String name) {
        Optional<CelType> found = types.findType(name);
        return found.isPresent() ? found : extraTypes.findType(name);
      }
    });
    checker.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration("jsonpatch.escapeKey",
            CelOverloadDecl.newGlobalOverload(ESCAPE_KEY_OVERLOAD, SimpleType.STRING, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(LITERAL_FUNCTION,
            CelOverloadDecl.newGlobalOverload(LITERAL_OVERLOAD, SimpleType.DYN,
                SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DYN))));
  }

  @Override
  public void setRuntimeOptions(CelRuntimeBuilder runtime) {
    runtime.addFunctionBindings(
        CelFunctionBinding.from(ESCAPE_KEY_OVERLOAD, String.class, MutationCelLibrary::escapeKey),
        CelFunctionBinding.from(LITERAL_OVERLOAD, String.class, Map.class, TypedObject::new));
  }

  /** RFC 6901 escaping of one path segment, as Kubernetes' {@code jsonpatch.escapeKey}. */
  static String escapeKey(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
