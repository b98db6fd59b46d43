package io.sparkgate.patch;

import static io.sparkgate.patch.JsonPatchApplierTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Server-side-apply merging as MutatingAdmissionPolicy does it, on Pods and on schemaless kinds. */
class ApplyConfigurationMergerTest {
  private static final MergeSchema POD = MergeSchema.forKind("v1", "Pod");
  private static final MergeSchema SPARK_APPLICATION = MergeSchema.forKind("sparkoperator.k8s.io/v1beta2", "SparkApplication");

  private static JsonNode merge(String object, String configuration, MergeSchema schema) throws Exception {
    return ApplyConfigurationMerger.merge(json(object), json(configuration), schema);
  }

  @Test
  void keyedListsMergeByKeyAndAppendNewItems() throws Exception {
    assertThat(merge("{'spec':{'volumes':[{'name':'x'}],'containers':[{'name':'a','ports':[{'containerPort':80}]}]}}",
        "{'spec':{'volumes':[{'name':'y'}],'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP','name':'http'}]}]}}",
        POD))
        .isEqualTo(json("{'spec':{'volumes':[{'name':'x'},{'name':'y'}],"
            + "'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP','name':'http'}]}]}}"));
  }

  @Test
  void duplicatesOfAnUpdatedKeyCollapseOthersStay() throws Exception {
    assertThat(merge("{'spec':{'containers':[{'name':'n','env':[{'name':'t','value':'a'},{'name':'t','value':'b'},{'name':'f','value':'g'}]}]}}",
        "{'spec':{'containers':[{'name':'n','env':[{'name':'t','value':'c'}]}]}}", POD))
        .isEqualTo(json("{'spec':{'containers':[{'name':'n','env':[{'name':'t','value':'c'},{'name':'f','value':'g'}]}]}}"));
  }

  @Test
  void atomicListsAndMapsAreRefusedWithTheKubernetesText() {
    assertThatThrownBy(() -> merge("{'spec':{}}", "{'spec':{'tolerations':[{'key':'k'}],'nodeSelector':{'a':'b'}}}", POD))
        .hasMessage("invalid ApplyConfiguration: may not mutate atomic arrays, maps or structs: .spec.tolerations, .spec.nodeSelector");
    assertThatThrownBy(() -> merge("{'spec':{}}", "{'spec':{'containers':[{'name':'a','args':['x']}]}}", POD))
        .hasMessageContaining(".spec.containers[0].args");
    assertThatThrownBy(() -> merge("{'spec':{'driver':{}}}", "{'spec':{'driver':{'volumeMounts':[{'name':'v'}]}}}", SPARK_APPLICATION))
        .hasMessage("invalid ApplyConfiguration: may not mutate atomic arrays, maps or structs: .spec.driver.volumeMounts");
  }

  @Test
  void unknownListStrategiesAndMissingKeysAndNullsAreRefused() {
    assertThatThrownBy(() -> merge("{'metadata':{}}", "{'metadata':{'finalizers':['f']}}", POD))
        .hasMessageContaining("list .metadata.finalizers of a Pod has a merge strategy Sparkgate does not know");
    assertThatThrownBy(() -> merge("{'spec':{}}", "{'spec':{'volumes':[{'hostPath':{'path':'/'}}]}}", POD))
        .hasMessageContaining("omits key field \"name\"");
    assertThatThrownBy(() -> merge("{'spec':{'a':1}}", "{'spec':{'a':null}}", SPARK_APPLICATION))
        .hasMessageContaining("null at .spec.a");
  }

  @Test
  void mapsMergeOnSchemalessKinds() throws Exception {
    assertThat(merge("{'spec':{'sparkConf':{'a':'1'}}}", "{'kind':'X','spec':{'sparkConf':{'b':'2'}}}", SPARK_APPLICATION))
        .isEqualTo(json("{'spec':{'sparkConf':{'a':'1','b':'2'}}}"));
  }
}
