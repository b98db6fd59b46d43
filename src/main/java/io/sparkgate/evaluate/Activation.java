package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelVariableResolver;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.cel.JsonValues;
import io.sparkgate.policy.NamedExpression;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The CEL variables of one policy-binding-param evaluation: the request's values from its
 * {@link EvaluationContext}, built once per request, and this evaluation's own params, variables
 * and cost budget. Each composited variable is evaluated at most once.
 */
public final class Activation implements CelVariableResolver {
  private final EvaluationContext context;
  private final JsonNode params;
  private final CompositedVariables variables;
  private CostBudget budget = new CostBudget(CostLimits.PER_BINDING);
  private Optional<Object> paramsValue;

  public Activation(EvaluationContext context, JsonNode params, List<NamedExpression> variables) {
    this.context = context;
    this.params = params;
    this.variables = new CompositedVariables(variables);
  }

  EvaluationContext context() {
    return context;
  }

  /** The functions bound per policy set (its image scan records). */
  public CelFunctionResolver functions() {
    return context.set().imageScans().functions();
  }

  /** The budget the expressions run from now on are charged to (a variable's, to the first that reads it). */
  void chargeTo(CostBudget stage) {
    this.budget = stage;
  }

  CostBudget budget() {
    return budget;
  }

  Deadline deadline() {
    return context.deadline();
  }

  /** The variables evaluated so far, for {@code --explain}. */
  public Map<String, ExpressionResult> evaluatedVariables() {
    return Map.copyOf(variables.evaluated());
  }

  @Override
  public Optional<Object> find(String name) {
    switch (name) {
      case CelEnvironment.OBJECT:
        return Optional.of(context.object());
      case CelEnvironment.OLD_OBJECT:
        return Optional.of(context.oldObject());
      case CelEnvironment.REQUEST:
        return Optional.of(context.requestValue());
      case CelEnvironment.PARAMS:
        if (paramsValue == null) {
          paramsValue = Optional.of(JsonValues.of(params));
        }
        return paramsValue;
      case CelEnvironment.NAMESPACE_OBJECT:
        return Optional.of(context.namespaceObject());
      case CelEnvironment.VARIABLES:
        return Optional.of(variables);
      case CelEnvironment.AUTHORIZER:
        return Optional.ofNullable(context.authorizer());
      default:
        return Optional.empty();
    }
  }

  /**
   * {@code variables.<name>}: evaluated lazily, at most once, in declaration scope. A policy has a
   * few variables with unique names (a load error otherwise), so they are found by a scan of the
   * declared list and kept by position: nothing is built per evaluation until a variable is read.
   */
  private final class CompositedVariables extends AbstractMap<String, Object> {
    private final List<NamedExpression> declared;
    private ExpressionResult[] results;

    CompositedVariables(List<NamedExpression> declared) {
      this.declared = declared;
    }

    private int indexOf(Object key) {
      for (int i = 0; i < declared.size(); i++) {
        if (Objects.equals(declared.get(i).name(), key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
      int index = indexOf(key);
      if (index < 0) {
        return null;
      }
      if (results == null) {
        results = new ExpressionResult[declared.size()];
      }
      NamedExpression variable = declared.get(index);
      ExpressionResult result = results[index];
      if (result == null) {
        result = ExpressionRunner.run(variable.expression(), Activation.this);
        results[index] = result;
      }
      if (result.failed()) {
        throw new ExpressionRunner.VariableFailure(
            "composited variable \"" + variable.name() + "\" fails to evaluate: " + result.error());
      }
      return result.value();
    }

    /** The variables evaluated so far, by name. */
    Map<String, ExpressionResult> evaluated() {
      Map<String, ExpressionResult> evaluated = new LinkedHashMap<>();
      for (int i = 0; results != null && i < results.length; i++) {
        if (results[i] != null) {
          evaluated.put(declared.get(i).name(), results[i]);
        }
      }
      return evaluated;
    }

    @Override
    public int size() {
      return declared.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<NamedExpression> names = declared.iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return names.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              String name = names.next().name();
              return new SimpleImmutableEntry<>(name, get(name));
            }
          };
        }

        @Override
        public int size() {
          return declared.size();
        }
      };
    }
  }
}
