package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.NullValue;
import dev.cel.bundle.Cel;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.cel.JsonValues;
import java.util.Map;

/**
 * Sparkgate's own CEL environment for specifications: a CEL expression over {@code object} (an
 * inline YAML document, read into the same lazy JSON views the server uses) to a value or to the
 * text of its error.
 */
final class SparkCel {

  private static final Cel CEL = CelEnvironment.standard().cel();
  private static final YAMLMapper YAML = new YAMLMapper();

  private SparkCel() {}

  static Object eval(String expression) {
    return evalOver(expression, NullValue.NULL_VALUE);
  }

  static Object eval(String expression, String objectYaml) {
    return evalOver(expression, object(objectYaml));
  }

  static Object evalOver(String expression, Object object) {
    try {
      var ast = CEL.compile(expression).getAst();
      return CEL.createProgram(ast).eval(Map.of(CelEnvironment.OBJECT, object));
    } catch (Exception e) {
      throw new AssertionError("evaluating " + expression + ": " + e.getMessage(), e);
    }
  }

  /** The message of the error the expression evaluates to. */
  static String error(String expression) {
    return errorOver(expression, NullValue.NULL_VALUE);
  }

  static String error(String expression, String objectYaml) {
    return errorOver(expression, object(objectYaml));
  }

  static String errorOver(String expression, Object object) {
    Throwable thrown = catchThrowable(() -> evalOver(expression, object));
    assertThat(thrown).as("error of %s", expression).isNotNull();
    return thrown.getCause() != null ? thrown.getCause().getMessage() : thrown.getMessage();
  }

  static boolean compiles(String expression) {
    try {
      CEL.compile(expression).getAst();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** A YAML document as the CEL value the server would bind. */
  static Object object(String yaml) {
    try {
      JsonNode node = YAML.readTree(yaml);
      return JsonValues.of(node);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
