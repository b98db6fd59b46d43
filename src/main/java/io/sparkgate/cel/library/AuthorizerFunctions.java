package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.member;
import static io.sparkgate.cel.library.KubeTypes.AUTHORIZER;
import static io.sparkgate.cel.library.KubeTypes.DECISION;
import static io.sparkgate.cel.library.KubeTypes.GROUP_CHECK;
import static io.sparkgate.cel.library.KubeTypes.PATH_CHECK;
import static io.sparkgate.cel.library.KubeTypes.RESOURCE_CHECK;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code authorizer} library, declared in full so that policies using it compile; every call
 * fails at run time with {@link UnavailableAuthorizer#MESSAGE}. Only the first call of a chain
 * ever runs, on the {@link UnavailableAuthorizer} value, so all bindings take that class.
 */
final class AuthorizerFunctions implements FunctionFamily {

  private static final List<CelFunctionDecl> DECLARATIONS =
      List.of(
          function("path", member("authorizer_path", PATH_CHECK, AUTHORIZER, SimpleType.STRING)),
          function("group", member("authorizer_group", GROUP_CHECK, AUTHORIZER, SimpleType.STRING)),
          function(
              "serviceAccount",
              member(
                  "authorizer_serviceaccount",
                  AUTHORIZER,
                  AUTHORIZER,
                  SimpleType.STRING,
                  SimpleType.STRING)),
          function(
              "resource",
              member("groupcheck_resource", RESOURCE_CHECK, GROUP_CHECK, SimpleType.STRING)),
          function(
              "subresource",
              member(
                  "resourcecheck_subresource", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING)),
          function(
              "namespace",
              member("resourcecheck_namespace", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING)),
          function(
              "name",
              member("resourcecheck_name", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING)),
          function(
              "fieldSelector",
              member("authorizer_fieldselector", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING)),
          function(
              "labelSelector",
              member("authorizer_labelselector", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING)),
          function(
              "check",
              member("pathcheck_check", DECISION, PATH_CHECK, SimpleType.STRING),
              member("resourcecheck_check", DECISION, RESOURCE_CHECK, SimpleType.STRING)),
          function("errored", member("decision_errored", SimpleType.BOOL, DECISION)),
          function("error", member("decision_error", SimpleType.STRING, DECISION)),
          function("allowed", member("decision_allowed", SimpleType.BOOL, DECISION)),
          function("reason", member("decision_reason", SimpleType.STRING, DECISION)));

  @Override
  public List<CelFunctionDecl> declarations() {
    return DECLARATIONS;
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    List<CelFunctionBinding> bindings = new ArrayList<>();
    for (CelFunctionDecl declaration : DECLARATIONS) {
      for (CelOverloadDecl overload : declaration.overloads()) {
        List<Class<?>> argTypes = new ArrayList<>();
        argTypes.add(UnavailableAuthorizer.class);
        for (int i = 1; i < overload.parameterTypes().size(); i++) {
          argTypes.add(String.class);
        }
        bindings.add(
            CelFunctionBinding.from(
                overload.overloadId(),
                argTypes,
                args -> {
                  throw KubeErrors.error(UnavailableAuthorizer.MESSAGE);
                }));
      }
    }
    return bindings;
  }
}
