package io.sparkgate.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelMutableAst;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.common.types.StructTypeReference;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.Severity;
import io.sparkgate.policy.source.ScalarLocation;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.SourcePosition;
import io.sparkgate.lint.FieldPaths.FieldPath;
import io.sparkgate.lint.PolicyExpressions.Site;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lint}'s schema check of one policy: every expression is checked once per kind its
 * matchConstraints can match, with {@code object} and {@code oldObject} typed from the kind's
 * schema, {@code params} from the paramKind's (when known), and {@code variables} from the
 * variables' own typed results. A kind without a known schema is checked with {@code dyn}.
 *
 * <p>A part of an expression is reported when it is wrong for every checked kind that can reach
 * it: {@code object.spec.?driver.?image} in a policy for kubeflow and Apache applications is fine,
 * since the kubeflow kind has the field; guards on {@code object.kind} and {@code object.apiVersion}
 * decide which kinds reach a branch ({@link KindNarrowing}).
 *
 * <p>Reported: undefined fields, and calls without an overload for the argument types, except those
 * Sparkgate's {@code dyn} evaluation answers anyway (equality, {@code in}, conditional, {@code orValue}
 * / {@code or} on mixed types). Expressions that do not compile at all are left to the compiler's
 * own report.
 */
public final class SchemaCheck {
  private static final String VARIABLES_TYPE = "sparkgate:variables";
  /** Calls whose mixed-type use Sparkgate's dyn evaluation answers without an error. */
  private static final Set<String> LENIENT_CALLS =
      Set.of("_==_", "_!=_", "@in", "_?_:_", "orValue", "or");

  private static final Pattern UNDEFINED_FIELD = Pattern.compile("undefined field '(.*)'");

  private final SchemaRegistry registry = new SchemaRegistry();
  private final CelEnvironment untyped;

  /** @param untyped the server's environment: expressions that do not compile there are skipped */
  public SchemaCheck(CelEnvironment untyped) {
    this.untyped = untyped;
  }

  /** One expression that compiles untyped, with its parsed tree and a map from node to parent. */
  private record Parsed(Site site, CelAbstractSyntaxTree ast, Map<Long, Long> parents) {}

  /** The result of checking one expression as one kind. */
  private record Checked(CelAbstractSyntaxTree rewritten, Set<Long> live, List<CelIssue> errors) {}

  /** Problems of one ValidatingAdmissionPolicy or MutatingAdmissionPolicy document. */
  public List<LoadIssue> check(SourceDocument document) {
    return SchemaFinding.locate(document, findings(document));
  }

  /**
   * The problems of a document, placed within their expressions: they depend only on what
   * {@link CachedSchemaCheck} files them under, so it can keep them.
   */
  List<SchemaFinding> findings(SourceDocument document) {
    JsonNode spec = document.tree().path("spec");
    List<KindSchema> kinds = kinds(spec.path("matchConstraints"));
    Optional<KindSchema> params = Optional.empty();
    if (spec.path("paramKind").isObject()) {
      params = registry.forParamKind(spec.path("paramKind").path("apiVersion").asText(""),
          spec.path("paramKind").path("kind").asText(""));
    }
    List<Parsed> expressions = parse(document);
    boolean objectTyped = kinds.stream().anyMatch(kind -> kind != null);
    if (expressions.isEmpty() || (!objectTyped && params.isEmpty())) {
      return List.of();
    }
    List<Map<Site, Checked>> results = new ArrayList<>();
    for (KindSchema kind : kinds) {
      results.add(checkAs(kind, params.orElse(null), expressions));
    }
    List<SchemaFinding> findings = new ArrayList<>();
    for (Parsed parsed : expressions) {
      report(parsed, kinds, params.orElse(null), results, findings);
    }
    return findings;
  }

  /** The kinds the rules can match, one null among them for any kind without a known schema. */
  private List<KindSchema> kinds(JsonNode constraints) {
    Set<KindSchema> kinds = new LinkedHashSet<>();
    JsonNode rules = constraints.path("resourceRules");
    for (JsonNode rule : rules) {
      List<String> versions = strings(rule.path("apiVersions"));
      for (String group : strings(rule.path("apiGroups"))) {
        for (String resource : strings(rule.path("resources"))) {
          kinds.add(registry.forResource(group, resource, versions.isEmpty() ? null : versions).orElse(null));
        }
      }
    }
    if (kinds.isEmpty()) {
      kinds.add(null);
    }
    return new ArrayList<>(kinds);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private List<Parsed> parse(SourceDocument document) {
    List<Parsed> parsed = new ArrayList<>();
    for (Site site : PolicyExpressions.of(document)) {
      CelValidationResult result = untyped.cel().parse(site.source());
      if (result.hasError()) {
        continue;
      }
      try {
        CelAbstractSyntaxTree ast = result.getAst();
        untyped.literals().declareFields(ast);
        if (untyped.cel().check(ast).hasError()) {
          continue;
        }
        Map<Long, Long> parents = new HashMap<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes()
            .forEach(node -> node.parent().ifPresent(parent -> parents.put(node.id(), parent.id())));
        parsed.add(new Parsed(site, ast, parents));
      } catch (CelValidationException e) {
        throw new IllegalStateException("a parse without errors has an AST", e);
      }
    }
    return parsed;
  }

  private Map<Site, Checked> checkAs(KindSchema kind, KindSchema params, List<Parsed> expressions) {
    Set<String> names = new LinkedHashSet<>();
    expressions.stream().map(parsed -> parsed.site().variable()).filter(name -> name != null).forEach(names::add);
    Map<String, CelType> variableTypes = new HashMap<>();
    names.forEach(name -> variableTypes.put(name, SimpleType.DYN));
    StructType variables = StructType.create(VARIABLES_TYPE, ImmutableSet.copyOf(names),
        field -> Optional.ofNullable(variableTypes.get(field)));
    CelTypeProvider types = withVariables(registry.types(), variables);
    CelType object = kind == null ? SimpleType.DYN : kind.type();
    CelEnvironment environment = CelEnvironment.typed(Map.of(
        CelEnvironment.OBJECT, object,
        CelEnvironment.OLD_OBJECT, object,
        CelEnvironment.PARAMS, params == null ? SimpleType.DYN : params.type(),
        CelEnvironment.VARIABLES, StructTypeReference.create(VARIABLES_TYPE)), types);
    Map<String, Boolean> decided = new HashMap<>();
    Map<Site, Checked> results = new LinkedHashMap<>();
    for (Parsed parsed : expressions) {
      CelMutableAst mutable = CelMutableAst.fromCelAst(parsed.ast());
      long nextId = Math.max(parsed.ast().getExpr().id(),
          parsed.parents().keySet().stream().mapToLong(Long::longValue).max().orElse(0)) + 1;
      KindNarrowing narrowing = new KindNarrowing(kind, decided, nextId);
      Boolean value = narrowing.decide(mutable.expr());
      narrowing.rewrite(mutable.expr());
      CelAbstractSyntaxTree rewritten = mutable.toParsedAst();
      Set<Long> live = new HashSet<>();
      CelNavigableAst.fromAst(rewritten).getRoot().allNodes().forEach(node -> live.add(node.id()));
      environment.literals().declareFields(rewritten);
      CelValidationResult result = environment.cel().check(rewritten);
      List<CelIssue> errors = result.hasError() ? List.copyOf(result.getErrors()) : List.of();
      results.put(parsed.site(), new Checked(rewritten, live, errors));
      String variable = parsed.site().variable();
      if (variable != null && !result.hasError()) {
        try {
          variableTypes.put(variable, usable(result.getAst().getResultType()));
        } catch (CelValidationException e) {
          throw new IllegalStateException("a check without errors has an AST", e);
        }
        if (value != null) {
          decided.put(variable, value);
        }
      }
    }
    return results;
  }

  /** A result type as a variable's declared type: type parameters and errors become dyn. */
  private static CelType usable(CelType type) {
    switch (type.kind()) {
      case TYPE_PARAM:
      case ERROR:
      case ANY:
        return SimpleType.DYN;
      case LIST:
        return ListType.create(usable(type.parameters().get(0)));
      case MAP:
        return MapType.create(usable(type.parameters().get(0)), usable(type.parameters().get(1)));
      case OPAQUE:
        return type instanceof OptionalType ? OptionalType.create(usable(type.parameters().get(0))) : type;
      default:
        return type;
    }
  }

  private static CelTypeProvider withVariables(CelTypeProvider schemas, StructType variables) {
    return new CelTypeProvider() {
      @Override
      public ImmutableCollection<CelType> types() {
        return ImmutableList.<CelType>builder().addAll(schemas.types()).add(variables).build();
      }

      @Override
      public Optional<CelType> findType(String name) {
        return name.equals(VARIABLES_TYPE) ? Optional.of(variables) : schemas.findType(name);
      }
    };
  }

  private void report(Parsed parsed, List<KindSchema> kinds, KindSchema params,
      List<Map<Site, Checked>> results, List<SchemaFinding> findings) {
    Set<Long> reported = new HashSet<>();
    for (int k = 0; k < kinds.size(); k++) {
      Checked checked = results.get(k).get(parsed.site());
      for (CelIssue error : checked.errors()) {
        long node = error.getExprId();
        if (reported.contains(node) || lenient(checked.rewritten(), error) || !everyKindFails(node, k, parsed, results)) {
          continue;
        }
        reported.add(node);
        StringBuilder message = new StringBuilder(message(error, checked, kinds.get(k), params, parsed, results.get(k)));
        for (int other = 0; other < kinds.size(); other++) {
          if (other == k) {
            continue;
          }
          Checked otherChecked = results.get(other).get(parsed.site());
          for (CelIssue otherError : otherChecked.errors()) {
            if (otherError.getExprId() != node && isWithin(otherError.getExprId(), node, parsed.parents())) {
              message.append("; ").append(message(otherError, otherChecked, kinds.get(other), params, parsed,
                  results.get(other)));
              break;
            }
          }
        }
        findings.add(finding(parsed, error, message.toString()));
      }
    }
  }

  /** Whether every other kind that reaches the node fails there or inside it. */
  private static boolean everyKindFails(long node, int kind, Parsed parsed, List<Map<Site, Checked>> results) {
    for (int other = 0; other < results.size(); other++) {
      if (other == kind) {
        continue;
      }
      Checked checked = results.get(other).get(parsed.site());
      if (!checked.live().contains(node)) {
        continue;
      }
      boolean fails = checked.errors().stream().anyMatch(error -> isWithin(error.getExprId(), node, parsed.parents()));
      if (!fails) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWithin(long node, long ancestor, Map<Long, Long> parents) {
    for (Long current = node; current != null; current = parents.get(current)) {
      if (current == ancestor) {
        return true;
      }
    }
    return false;
  }

  private static boolean lenient(CelAbstractSyntaxTree ast, CelIssue error) {
    if (!error.getMessage().startsWith("found no matching overload")) {
      return false;
    }
    Optional<CelNavigableExpr> node = CelNavigableAst.fromAst(ast).getRoot().allNodes()
        .filter(candidate -> candidate.id() == error.getExprId()).findFirst();
    return node.isEmpty() || node.get().expr().getKind() != CelExpr.ExprKind.Kind.CALL
        || LENIENT_CALLS.contains(node.get().expr().call().function());
  }

  private String message(CelIssue error, Checked checked, KindSchema kind, KindSchema params, Parsed parsed,
      Map<Site, Checked> sameKind) {
    String text = error.getMessage();
    if (text.startsWith("undefined field")) {
      FieldPaths paths = new FieldPaths(checked.rewritten(), name -> variablePath(name, sameKind));
      CelNavigableExpr node = CelNavigableAst.fromAst(checked.rewritten()).getRoot().allNodes()
          .filter(candidate -> candidate.id() == error.getExprId()).findFirst().orElse(null);
      if (node != null && node.expr().getKind() == CelExpr.ExprKind.Kind.SELECT
          && node.expr().select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
          && node.expr().select().operand().ident().name().equals("variables")) {
        return "no variable named '" + node.expr().select().field() + "' is declared";
      }
      Optional<FieldPath> path = paths.ofSelect(error.getExprId());
      if (path.isPresent()) {
        KindSchema root = path.get().root().equals("params") ? params : kind;
        if (root != null) {
          return root.description() + " has no field " + path.get().path();
        }
      }
    }
    return text + " (" + context(kind, params) + ")";
  }

  private static Optional<FieldPath> variablePath(String name, Map<Site, Checked> sameKind) {
    for (Map.Entry<Site, Checked> entry : sameKind.entrySet()) {
      if (name.equals(entry.getKey().variable())) {
        CelAbstractSyntaxTree ast = entry.getValue().rewritten();
        FieldPaths paths = new FieldPaths(ast, other -> other.equals(name) ? Optional.empty() : variablePath(other, sameKind));
        return paths.of(ast.getExpr(), CelNavigableAst.fromAst(ast).getRoot());
      }
    }
    return Optional.empty();
  }

  private static String context(KindSchema kind, KindSchema params) {
    List<String> parts = new ArrayList<>();
    if (kind != null) {
      parts.add("object is a " + kind.description());
    }
    if (params != null) {
      parts.add("params is a " + params.description());
    }
    return String.join(", ", parts);
  }

  /**
   * An error placed by the original expression's positions (a rewritten tree has none); undefined
   * fields point at the field's name, after the dot. Without a position: the expression's start.
   */
  private static SchemaFinding finding(Parsed parsed, CelIssue error, String message) {
    String pointer = parsed.site().pointer();
    CelSource source = parsed.ast().getSource();
    Integer offset = source.getPositionsMap().get(error.getExprId());
    Optional<CelSourceLocation> at = offset == null ? Optional.empty() : source.getOffsetLocation(offset);
    if (at.isEmpty() || at.get().getLine() <= 0) {
      return SchemaFinding.atStart(pointer, message);
    }
    int line = at.get().getLine();
    int column = Math.max(at.get().getColumn(), 0);
    String[] lines = parsed.site().source().split("\n", -1);
    Matcher field = UNDEFINED_FIELD.matcher(error.getMessage());
    if (field.matches() && line <= lines.length) {
      // A select stands at its dot, has() at its parenthesis: point at the name itself.
      Matcher name = Pattern.compile("[.?]\\s*(" + Pattern.quote(field.group(1)) + ")\\b").matcher(lines[line - 1]);
      if (name.find(column)) {
        column = name.start(1);
      }
    }
    return new SchemaFinding(pointer, line, column, message);
  }

}
