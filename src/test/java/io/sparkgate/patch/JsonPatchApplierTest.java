package io.sparkgate.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API server's JSON Patch behaviour (evanphx json-patch v4), which mutations must match. */
class JsonPatchApplierTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  static List<JsonPatchOperation> ops(String text) throws Exception {
    List<JsonPatchOperation> operations = new ArrayList<>();
    for (JsonNode op : json(text)) {
      operations.add(new JsonPatchOperation(op.path("op").asText(), op.path("path").asText(),
          op.has("from") ? op.get("from").asText() : null, op.get("value")));
    }
    return operations;
  }

  private static JsonNode apply(String document, String patch) throws Exception {
    return JsonPatchApplier.apply(json(document), ops(patch));
  }

  @Test
  void addNeverCreatesAMissingParent() {
    assertThatThrownBy(() -> apply("{'metadata':{}}", "[{'op':'add','path':'/metadata/labels/x','value':'1'}]"))
        .hasMessage("add operation does not apply: doc is missing path: \"/metadata/labels/x\": missing value");
  }

  @Test
  void addSetsEscapedKeysAndAppendsWithDash() throws Exception {
    assertThat(apply("{'labels':{},'list':[1]}", "[{'op':'add','path':'/labels/sparkgate.io~1team','value':'a'},"
        + "{'op':'add','path':'/list/-','value':2},{'op':'add','path':'/list/0','value':0}]"))
        .isEqualTo(json("{'labels':{'sparkgate.io/team':'a'},'list':[0,1,2]}"));
  }

  @Test
  void replaceOfAMissingMemberAddsItButNotAtTheEndOfAList() throws Exception {
    assertThat(apply("{'metadata':{}}", "[{'op':'replace','path':'/metadata/labels','value':{'y':'2'}}]"))
        .isEqualTo(json("{'metadata':{'labels':{'y':'2'}}}"));
    assertThatThrownBy(() -> apply("{'c':[1]}", "[{'op':'replace','path':'/c/-','value':2}]"))
        .hasMessage("replace operation does not apply: doc is missing key: /c/-: missing value");
  }

  @Test
  void aFailedTestLeavesTheDocumentUnchanged() throws Exception {
    assertThat(apply("{'r':1}", "[{'op':'test','path':'/r','value':100},{'op':'replace','path':'/r','value':3}]"))
        .isEqualTo(json("{'r':1}"));
    assertThat(apply("{'r':1}", "[{'op':'test','path':'/r','value':1},{'op':'replace','path':'/r','value':3}]"))
        .isEqualTo(json("{'r':3}"));
  }

  @Test
  void moveCopyAndRemove() throws Exception {
    assertThat(apply("{'l':{'x':'1'},'c':['a','b','c']}", "[{'op':'move','from':'/l/x','path':'/l/y'},"
        + "{'op':'copy','from':'/c/0','path':'/c/-'},{'op':'remove','path':'/c/1'}]"))
        .isEqualTo(json("{'l':{'y':'1'},'c':['a','c','a']}"));
    assertThatThrownBy(() -> apply("{}", "[{'op':'remove','path':'/x'}]"))
        .hasMessage("Unable to remove nonexistent key: x: missing value");
    assertThatThrownBy(() -> apply("{}", "[{'op':'merge','path':'/x'}]")).hasMessage("Unexpected kind: merge");
  }
}
