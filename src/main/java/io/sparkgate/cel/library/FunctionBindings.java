package io.sparkgate.cel.library;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Function bindings grouped under the function they implement. The checker records every overload a
 * {@code dyn} argument may take, and a runtime that binds calls when it builds the program (CEL-Java's
 * planner) then looks a call up by its function name, so each function with several overloads needs a
 * binding under that name that picks the overload by the argument's run-time type. The binding of
 * each overload id stays, for calls the checker resolved to one overload.
 */
public final class FunctionBindings {
  private FunctionBindings() {}

  /** {@code bindings} grouped by the function that {@code declarations} declares each overload id for. */
  public static List<CelFunctionBinding> byFunction(
      Collection<CelFunctionDecl> declarations, Collection<CelFunctionBinding> bindings) {
    Map<String, String> functionOfOverload = new HashMap<>();
    for (CelFunctionDecl declaration : declarations) {
      for (CelOverloadDecl overload : declaration.overloads()) {
        functionOfOverload.put(overload.overloadId(), declaration.name());
      }
    }
    Map<String, List<CelFunctionBinding>> byFunction = new LinkedHashMap<>();
    List<CelFunctionBinding> grouped = new ArrayList<>();
    for (CelFunctionBinding binding : bindings) {
      String function = functionOfOverload.get(binding.getOverloadId());
      if (function == null) {
        grouped.add(binding);
      } else {
        byFunction.computeIfAbsent(function, name -> new ArrayList<>()).add(binding);
      }
    }
    byFunction.forEach((function, overloads) -> grouped.addAll(CelFunctionBinding.fromOverloads(function, overloads)));
    return grouped;
  }

  /** {@code bindings} all implementing {@code function}. */
  static List<CelFunctionBinding> of(String function, CelFunctionBinding... bindings) {
    return List.copyOf(CelFunctionBinding.fromOverloads(function, bindings));
  }
}
