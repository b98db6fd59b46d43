package io.sparkgate.patch;

import static io.sparkgate.patch.JsonPatchApplierTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.flipkart.zjsonpatch.JsonPatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain's one patch: small, and applying it (with an independent RFC 6902 library) reproduces the target. */
class JsonDiffTest {
  private static JsonNode asJson(List<JsonPatchOperation> patch) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    patch.forEach(op -> array.add(op.toJson()));
    return array;
  }

  private static JsonNode diffAndCheck(String from, String to) throws Exception {
    JsonNode source = json(from);
    JsonNode target = json(to);
    JsonNode patch = asJson(JsonDiff.between(source, target));
    assertThat(JsonPatch.apply(patch, source)).as(patch.toString()).isEqualTo(target);
    return patch;
  }

  @Test
  void appendsAreOneAddAndEscapedKeysAreEscaped() throws Exception {
    assertThat(diffAndCheck("{'m':{'labels':{'a':'1'}},'c':[{'n':'x'}]}",
        "{'m':{'labels':{'a':'1','sparkgate.io/team':'t'}},'c':[{'n':'x'},{'n':'y'}]}"))
        .isEqualTo(json("[{'op':'add','path':'/m/labels/sparkgate.io~1team','value':'t'},"
            + "{'op':'add','path':'/c/-','value':{'n':'y'}}]"));
  }

  @Test
  void equalNumbersOfDifferentJsonTypesAreNoChange() throws Exception {
    JsonNode source = json("{'a':3600}");
    JsonNode target = JsonNodeFactory.instance.objectNode().put("a", 3600L);
    assertThat(JsonDiff.between(source, target)).isEmpty();
  }

  @Test
  void insertionsRemovalsAndReplacementsReproduceTheTarget() throws Exception {
    diffAndCheck("{'l':[1,2,3,4,5]}", "{'l':[1,9,3,5]}");
    diffAndCheck("{'l':[1,2,3]}", "{'l':[0,1,2,3]}");
    diffAndCheck("{'l':[1,2,3]}", "{'l':[]}");
    diffAndCheck("{'l':[],'x':{'y':1}}", "{'l':[[1],{'a':null}],'x':'s'}");
    diffAndCheck("{'a~b':{'c/d':1}}", "{'a~b':{'c/d':2,'e':[1]}}");
    assertThat(diffAndCheck("{'a':1}", "{'a':1}")).isEmpty();
  }

  @Test
  void infiniteNumbersCompareWithoutFailing() throws Exception {
    // 1e400 overflows a double: Jackson reads it as Infinity, which has no BigDecimal value
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode source = json.readTree("{\"a\":1e400,\"b\":[1]}");
    com.fasterxml.jackson.databind.JsonNode target = json.readTree("{\"a\":1e400,\"b\":[2]}");
    org.assertj.core.api.Assertions.assertThat(JsonEquality.same(source, source.deepCopy())).isTrue();
    org.assertj.core.api.Assertions.assertThat(JsonEquality.same(source, target)).isFalse();
    org.assertj.core.api.Assertions.assertThat(JsonDiff.between(source, target)).hasSize(1);
  }
}
