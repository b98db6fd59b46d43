package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.NullValue;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelVariableResolver;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.cel.JsonValues;
import io.sparkgate.cel.library.Authorizer;
import io.sparkgate.match.NamespaceLookup;
import io.sparkgate.policy.NamedExpression;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CEL variables of one policy-binding-param evaluation. Every value is built on first use,
 * and each composited variable is evaluated at most once.
 */
public final class Activation implements CelVariableResolver {
  private final AdmissionRequest request;
  private final JsonNode params;
  private final NamespaceLookup namespaces;
  private final CelFunctionResolver functions;
  private final Authorizer authorizer;
  private final CompositedVariables variables;
  private final Deadline deadline;
  private CostBudget budget = new CostBudget(CostLimits.PER_BINDING);
  // the most read variables, wrapped once per activation
  private Optional<Object> object;
  private Optional<Object> paramsValue;

  public Activation(
      AdmissionRequest request,
      JsonNode params,
      NamespaceLookup namespaces,
      CelFunctionResolver functions,
      Authorizer authorizer,
      List<NamedExpression> variables,
      Deadline deadline) {
    this.request = request;
    this.params = params;
    this.namespaces = namespaces;
    this.functions = functions;
    this.authorizer = authorizer;
    this.deadline = deadline;
    this.variables = new CompositedVariables(variables);
  }

  AdmissionRequest request() {
    return request;
  }

  /** The functions bound per policy set (its image scan records). */
  public CelFunctionResolver functions() {
    return functions;
  }

  /** The budget the expressions run from now on are charged to (a variable's, to the first that reads it). */
  void chargeTo(CostBudget stage) {
    this.budget = stage;
  }

  CostBudget budget() {
    return budget;
  }

  Deadline deadline() {
    return deadline;
  }

  /** The variables evaluated so far, for {@code --explain}. */
  public Map<String, ExpressionResult> evaluatedVariables() {
    return Map.copyOf(variables.results);
  }

  @Override
  public Optional<Object> find(String name) {
    switch (name) {
      case CelEnvironment.OBJECT:
        if (object == null) {
          object = Optional.of(JsonValues.of(request.object()));
        }
        return object;
      case CelEnvironment.OLD_OBJECT:
        return Optional.of(JsonValues.of(request.oldObject()));
      case CelEnvironment.REQUEST:
        return Optional.of(JsonValues.of(request.cel()));
      case CelEnvironment.PARAMS:
        if (paramsValue == null) {
          paramsValue = Optional.of(JsonValues.of(params));
        }
        return paramsValue;
      case CelEnvironment.NAMESPACE_OBJECT:
        return Optional.of(namespaceObject());
      case CelEnvironment.VARIABLES:
        return Optional.of(variables);
      case CelEnvironment.AUTHORIZER:
        return Optional.ofNullable(authorizer);
      default:
        return Optional.empty();
    }
  }

  /** Kubernetes gives the namespace's metadata, spec and status; null for cluster-scoped objects. */
  private Object namespaceObject() {
    if (!request.namespaced()) {
      return NullValue.NULL_VALUE;
    }
    JsonNode namespace = namespaces.namespace(request.namespace());
    ObjectNode visible = JsonNodeFactory.instance.objectNode();
    for (String field : new String[] {"metadata", "spec", "status"}) {
      if (namespace.has(field)) {
        visible.set(field, namespace.get(field));
      }
    }
    return JsonValues.of(visible);
  }

  /** {@code variables.<name>}: evaluated lazily, at most once, in declaration scope. */
  private final class CompositedVariables extends AbstractMap<String, Object> {
    private final Map<String, NamedExpression> byName = new HashMap<>();
    private final Map<String, ExpressionResult> results = new HashMap<>();

    CompositedVariables(List<NamedExpression> declared) {
      for (NamedExpression variable : declared) {
        byName.put(variable.name(), variable);
      }
    }

    @Override
    public boolean containsKey(Object key) {
      return byName.containsKey(key);
    }

    @Override
    public Object get(Object key) {
      NamedExpression variable = byName.get(key);
      if (variable == null) {
        return null;
      }
      ExpressionResult result = results.get(variable.name());
      if (result == null) {
        result = ExpressionRunner.run(variable.expression(), Activation.this);
        results.put(variable.name(), result);
      }
      if (result.failed()) {
        throw new ExpressionRunner.VariableFailure(
            "composited variable \"" + variable.name() + "\" fails to evaluate: " + result.error());
      }
      return result.value();
    }

    @Override
    public int size() {
      return byName.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<String> names = byName.keySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return names.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              String name = names.next();
              return new SimpleImmutableEntry<>(name, get(name));
            }
          };
        }

        @Override
        public int size() {
          return byName.size();
        }
      };
    }
  }
}
