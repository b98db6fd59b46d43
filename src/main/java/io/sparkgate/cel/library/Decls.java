package io.sparkgate.cel.library;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import java.util.List;

/** Short-hands for function declarations, so that each family reads like Kubernetes' tables. */
final class Decls {

  private Decls() {}

  static CelFunctionDecl function(String name, CelOverloadDecl... overloads) {
    return CelFunctionDecl.newFunctionDeclaration(name, overloads);
  }

  static CelOverloadDecl global(String id, CelType result, CelType... params) {
    return CelOverloadDecl.newGlobalOverload(id, result, List.of(params));
  }

  /** A member overload: the first parameter is the receiver. */
  static CelOverloadDecl member(String id, CelType result, CelType... receiverAndParams) {
    return CelOverloadDecl.newMemberOverload(id, result, List.of(receiverAndParams));
  }
}
