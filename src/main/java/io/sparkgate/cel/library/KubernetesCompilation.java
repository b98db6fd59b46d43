package io.sparkgate.cel.library;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.HomogeneousLiteralValidator;

/**
 * What the Kubernetes CEL environment decides at compile time beyond CEL-Java's checker, and the
 * rewrites of a checked expression that give it Kubernetes' run-time behaviour. Every policy
 * expression goes through both, once, when it is loaded.
 */
public final class KubernetesCompilation {

  private KubernetesCompilation() {}

  /**
   * The compile-time checks of Kubernetes' base environment: homogeneous list and map literals
   * (cel.HomogeneousAggregateLiterals; the argument list of {@code format} is exempt, as cel-go's
   * string format validator arranges), the element types of the list functions, and the argument
   * count of {@code format}.
   */
  public static CelValidator validator(Cel cel) {
    return CelValidatorFactory.standardCelValidatorBuilder(cel)
        .addAstValidators(
            HomogeneousLiteralValidator.newInstance("format"),
            new ListElementTypeValidator(),
            new FormatArgumentCountValidator())
        .build();
  }

  /**
   * The checked expression rewritten for the run time: {@link NullSafeHas}, {@link TypedListSum},
   * {@link GoZeroValues}.
   */
  public static CelAbstractSyntaxTree lower(Cel cel, CelAbstractSyntaxTree checked) throws CelValidationException {
    return GoZeroValues.lower(cel, TypedListSum.lower(cel, NullSafeHas.lower(cel, checked)));
  }
}
