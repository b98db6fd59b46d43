package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.member;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.Operator;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.ListType;
import dev.cel.common.types.TypeParamType;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelMacroExprFactory;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code list.sortBy(e, key)} as cel-go's lists extension (ext/lists.go sortByMacro) expands it:
 * {@code cel.bind(@__sortBy_input__, list, @__sortBy_input__.@sortByAssociatedKeys(
 * @__sortBy_input__.map(e, key)))}, typed {@code list(T)} for a {@code list(T)}. CEL-Java's own
 * expansion pairs each element with its key, which types the result {@code list(list(...))} and
 * makes a mixed pair literal of every key whose type differs from the element's.
 */
final class SortByFunction implements FunctionFamily {

  static final String FUNCTION = "@sortByAssociatedKeys";
  private static final String INPUT = "@__sortBy_input__";

  static final CelMacro MACRO = CelMacro.newReceiverMacro("sortBy", 2, SortByFunction::expand);

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function(
            FUNCTION,
            member(
                "list_sort_by_associated_keys",
                ListType.create(TypeParamType.create("T")),
                ListType.create(TypeParamType.create("T")),
                ListType.create(TypeParamType.create("U")))));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from(
            "list_sort_by_associated_keys", List.class, List.class, SortByFunction::sortByKeys));
  }

  private static Optional<CelExpr> expand(
      CelMacroExprFactory factory, CelExpr target, ImmutableList<CelExpr> arguments) {
    CelExpr variable = arguments.get(0);
    if (variable.getKind() != CelExpr.ExprKind.Kind.IDENT) {
      return Optional.of(factory.reportError("sortBy(var, ...) variable name must be a simple identifier"));
    }
    String accumulator = factory.getAccumulatorVarName();
    CelExpr keys =
        factory.fold(
            variable.ident().name(),
            factory.newIdentifier(INPUT),
            accumulator,
            factory.newList(),
            factory.newBoolLiteral(true),
            factory.newGlobalCall(
                Operator.ADD.getFunction(),
                factory.newIdentifier(accumulator),
                factory.newList(arguments.get(1))),
            factory.newIdentifier(accumulator));
    CelExpr sorted = factory.newReceiverCall(FUNCTION, factory.newIdentifier(INPUT), keys);
    return Optional.of(
        factory.fold(
            "#unused",
            factory.newList(),
            INPUT,
            target,
            factory.newBoolLiteral(false),
            factory.newIdentifier(INPUT),
            sorted));
  }

  /** ext/lists.go sortListByAssociatedKeys, with its error texts; equal keys keep their order. */
  static List<Object> sortByKeys(List<?> list, List<?> keys) {
    if (list.size() != keys.size()) {
      throw KubeErrors.error(
          "@sortByAssociatedKeys() expected a list of the same size as the associated keys list,"
              + " but got %d and %d elements respectively",
          list.size(), keys.size());
    }
    if (list.isEmpty()) {
      return List.of();
    }
    Object first = keys.get(0);
    if (!CelValues.isComparable(first)) {
      throw KubeErrors.error("list elements must be comparable");
    }
    List<Integer> order = new ArrayList<>(list.size());
    for (int i = 0; i < keys.size(); i++) {
      if (!CelValues.typeName(keys.get(i)).equals(CelValues.typeName(first))) {
        throw KubeErrors.error("list elements must have the same type");
      }
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> keys.get(i), CelValues::compare));
    List<Object> sorted = new ArrayList<>(list.size());
    order.forEach(i -> sorted.add(list.get(i)));
    return sorted;
  }
}
