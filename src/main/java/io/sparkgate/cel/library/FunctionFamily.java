package io.sparkgate.cel.library;

import dev.cel.common.CelFunctionDecl;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/** One family of Kubernetes CEL functions: what the checker must know and what the runtime runs. */
interface FunctionFamily {

  List<CelFunctionDecl> declarations();

  List<CelFunctionBinding> bindings();
}
