package io.sparkgate.cel.mutation;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelMutableAst;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelMutableExpr;
import dev.cel.common.navigation.CelNavigableMutableAst;
import dev.cel.common.navigation.CelNavigableMutableExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the {@code Object{...}} and {@code JSONPatch{...}} literals of an expression: before
 * checking, their field names are declared ({@link #declareFields}); after checking, each literal
 * becomes a call that builds a {@link TypedObject}, and the result is checked again so the
 * standard runtime can run it.
 */
public final class LiteralLowering {
  private final MutationCelLibrary library;

  public LiteralLowering(MutationCelLibrary library) {
    this.library = library;
  }

  /**
   * A field set by an Object literal: its path from the object's root (e.g. {@code spec.tolerations}
   * for {@code Object.spec{tolerations: ...}}), and whether its value is written as a list.
   */
  public record ObjectField(String path, boolean listLiteral) {}

  /** Every field the Object literals of a parsed expression set. */
  public static List<ObjectField> objectFields(CelAbstractSyntaxTree parsed) {
    List<ObjectField> fields = new ArrayList<>();
    for (CelMutableExpr literal : literals(CelMutableAst.fromCelAst(parsed))) {
      String type = typeName(literal);
      if (!MutationTypes.isObjectType(type)) {
        continue;
      }
      String prefix = type.equals(MutationTypes.OBJECT) ? "" : type.substring(MutationTypes.OBJECT.length() + 1) + ".";
      for (CelMutableExpr.CelMutableStruct.Entry entry : literal.struct().entries()) {
        fields.add(new ObjectField(prefix + entry.fieldKey(), entry.value().getKind() == CelExpr.ExprKind.Kind.LIST));
      }
    }
    return fields;
  }

  /** Declares the fields every Object literal of a parsed expression sets. */
  public void declareFields(CelAbstractSyntaxTree parsed) {
    for (CelMutableExpr literal : literals(CelMutableAst.fromCelAst(parsed))) {
      List<String> fields = new ArrayList<>();
      literal.struct().entries().forEach(entry -> fields.add(entry.fieldKey()));
      String type = typeName(literal);
      if (MutationTypes.isObjectType(type)) {
        library.types().declareFields(type, fields);
      }
    }
  }

  /** The checked expression with its mutation literals made into calls; unchanged without any. */
  public CelAbstractSyntaxTree lower(Cel cel, CelAbstractSyntaxTree checked) throws CelValidationException {
    CelMutableAst ast = CelMutableAst.fromCelAst(checked);
    List<CelMutableExpr> literals = literals(ast);
    if (literals.isEmpty()) {
      return checked;
    }
    long nextId = CelNavigableMutableAst.fromAst(ast).getRoot().allNodes()
        .mapToLong(CelNavigableMutableExpr::id).max().orElse(0) + 1;
    for (CelMutableExpr literal : literals) {
      List<CelMutableExpr.CelMutableMap.Entry> entries = new ArrayList<>();
      for (CelMutableExpr.CelMutableStruct.Entry field : literal.struct().entries()) {
        CelMutableExpr key = CelMutableExpr.ofConstant(nextId++, CelConstant.ofValue(field.fieldKey()));
        entries.add(CelMutableExpr.CelMutableMap.Entry.create(field.id(), key, field.value(), field.optionalEntry()));
      }
      CelMutableExpr type = CelMutableExpr.ofConstant(nextId++, CelConstant.ofValue(typeName(literal)));
      CelMutableExpr fields = CelMutableExpr.ofMap(nextId++, CelMutableExpr.CelMutableMap.create(entries));
      literal.setCall(CelMutableExpr.CelMutableCall.create(MutationCelLibrary.LITERAL_FUNCTION, type, fields));
    }
    return cel.check(ast.toParsedAst()).getAst();
  }

  private static List<CelMutableExpr> literals(CelMutableAst ast) {
    return CelNavigableMutableAst.fromAst(ast).getRoot().allNodes()
        .map(CelNavigableMutableExpr::expr)
        .filter(expr -> expr.getKind() == CelExpr.ExprKind.Kind.STRUCT)
        .filter(expr -> MutationTypes.isMutationType(typeName(expr)))
        .toList();
  }

  private static String typeName(CelMutableExpr struct) {
    String name = struct.struct().messageName();
    return name.startsWith(".") ? name.substring(1) : name;
  }
}
