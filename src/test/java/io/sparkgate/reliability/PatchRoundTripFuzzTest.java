package io.sparkgate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.patch.JsonDiff;
import io.sparkgate.patch.JsonEquality;
import io.sparkgate.patch.JsonPatchApplier;
import io.sparkgate.patch.JsonPatchOperation;
import io.sparkgate.patch.PatchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The patch path. The input is three lines of text: a source document, a target document and a
 * list of patch operations. The diff from a source object to a target object, applied to the
 * source, gives the target (what /mutate relies on before it answers); the operations applied to the source give a
 * document or a PatchException, never another exception.
 */
class PatchRoundTripFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "3m")
  void diffThenApplyGivesTheTarget(byte[] input) throws Exception {
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    JsonNode source = json(lines[0]);
    JsonNode target = lines.length > 1 ? json(lines[1]) : null;
    if (source == null || target == null) {
      return;
    }
    if (source.isObject() && target.isObject()) {
      roundTrip(source, target);
    }
    arbitraryOperations(source, lines.length > 2 ? json(lines[2]) : null);
  }

  /**
   * Objects only, as /mutate diffs the received object with the mutated one. (A root of another
   * type is replaced with path "", which the API server's applier, like Sparkgate's, refuses.)
   */
  private static void roundTrip(JsonNode source, JsonNode target) throws PatchException {
    List<JsonPatchOperation> patch = JsonDiff.between(source, target);
    JsonNode patched = JsonPatchApplier.apply(source, patch);
    assertThat(JsonEquality.same(patched, target)).as("%s + %s", source, patch).isTrue();
  }

  private static void arbitraryOperations(JsonNode source, JsonNode operations) {
    if (operations == null || !operations.isArray()) {
      return;
    }
    List<JsonPatchOperation> arbitrary = new ArrayList<>();
    for (JsonNode operation : operations) {
      arbitrary.add(new JsonPatchOperation(text(operation, "op"), text(operation, "path"), text(operation, "from"),
          operation.get("value")));
    }
    try {
      assertThat(JsonPatchApplier.apply(source, arbitrary)).isNotNull();
    } catch (PatchException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  private static String text(JsonNode operation, String field) {
    JsonNode value = operation.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception | StackOverflowError e) {
      return null;
    }
  }
}
