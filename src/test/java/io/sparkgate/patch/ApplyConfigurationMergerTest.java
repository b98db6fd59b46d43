package io.sparkgate.patch;

import static io.sparkgate.patch.JsonPatchApplierTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
  void setsMergeAsUnionsAndMissingKeysUndeclaredFieldsAndNullsAreRefused() throws Exception {
    assertThat(merge("{'metadata':{'finalizers':['a','b']}}", "{'metadata':{'finalizers':['c','a']}}", POD))
        .isEqualTo(json("{'metadata':{'finalizers':['c','a','b']}}"));
    // An omitted key takes the schema's default (name: ""), so two nameless volumes share a key.
    assertThatThrownBy(() -> merge("{'spec':{}}", "{'spec':{'volumes':[{'hostPath':{'path':'/'}},{'emptyDir':{}}]}}", POD))
        .hasMessage("failed to convert patch object to typed object: .spec.volumes: duplicate entries for key [name=\"\"]");
    assertThatThrownBy(() -> merge("{'spec':{}}", "{'spec':{'volumes':['v']}}", POD))
        .hasMessage("failed to convert patch object to typed object: .spec.volumes: element 0: "
            + "associative list with keys may not have non-map elements");
    assertThatThrownBy(() -> merge("{'spec':{}}", "{'spec':{'containers':[{'name':'a','imag':'x'}]}}", POD))
        .hasMessage("failed to convert patch object to typed object: .spec.containers[name=\"a\"].imag: field not declared in schema");
    assertThatThrownBy(() -> merge("{'spec':{}}", "{'spec':{'containers':[{'name':'a'},{'name':'a'}]}}", POD))
        .hasMessage("failed to convert patch object to typed object: .spec.containers: duplicate entries for key [name=\"a\"]");
    assertThatThrownBy(() -> merge("{'spec':{'a':1}}", "{'spec':{'a':null}}", SPARK_APPLICATION))
        .hasMessageContaining("null at .spec.a");
  }

  @Test
  void portsKeyOnContainerPortAndTheDefaultProtocol() throws Exception {
    assertThat(merge("{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80},{'containerPort':53,'protocol':'UDP'}]}]}}",
        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP','name':'http'},{'containerPort':53,'name':'dns'}]}]}}",
        POD))
        .isEqualTo(json("{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http','protocol':'TCP'},"
            + "{'containerPort':53,'protocol':'UDP'},{'containerPort':53,'name':'dns'}]}]}}"));
  }

  @Test
  void newItemsTakeTheirPlaceAmongTheItemsTheConfigurationShares() throws Exception {
    // structured-merge-diff: live [a, b] with configuration [c, a] gives [c, a, b]; with [a, c], [a, b, c].
    assertThat(merge("{'spec':{'volumes':[{'name':'a'},{'name':'b'}]}}", "{'spec':{'volumes':[{'name':'c'},{'name':'a'}]}}", POD))
        .isEqualTo(json("{'spec':{'volumes':[{'name':'c'},{'name':'a'},{'name':'b'}]}}"));
    assertThat(merge("{'spec':{'volumes':[{'name':'a'},{'name':'b'}]}}", "{'spec':{'volumes':[{'name':'a'},{'name':'c'}]}}", POD))
        .isEqualTo(json("{'spec':{'volumes':[{'name':'a'},{'name':'b'},{'name':'c'}]}}"));
    assertThat(merge("{'spec':{'volumes':[{'name':'a'},{'name':'b'}]}}", "{'spec':{'volumes':[{'name':'b'},{'name':'a'}]}}", POD))
        .isEqualTo(json("{'spec':{'volumes':[{'name':'b'},{'name':'a'}]}}"));
  }

  @Test
  void listTypesComeFromEachKindsSchema() throws Exception {
    MergeSchema job = MergeSchema.forKind("batch/v1", "Job");
    MergeSchema deployment = MergeSchema.forKind("apps/v1", "Deployment");
    // JobStatus.conditions has a patch merge key but x-kubernetes-list-type: atomic, which wins.
    assertThatThrownBy(() -> merge("{'status':{}}", "{'status':{'conditions':[{'type':'Complete','status':'True'}]}}", job))
        .hasMessage("invalid ApplyConfiguration: may not mutate atomic arrays, maps or structs: .status.conditions");
    assertThat(merge("{'status':{'conditions':[{'type':'Available','status':'False'}]}}",
        "{'status':{'conditions':[{'type':'Available','status':'True'}]}}", deployment))
        .isEqualTo(json("{'status':{'conditions':[{'type':'Available','status':'True'}]}}"));
    assertThatThrownBy(() -> merge("{'spec':{}}", "{'spec':{'replicas':'two','paused':1}}", deployment))
        .hasMessage("failed to convert patch object to typed object: errors:\n  .spec.replicas: expected numeric (int or float), "
            + "got \"two\"\n  .spec.paused: expected boolean, got 1");
    assertThat(deployment.description()).isEqualTo("a Deployment");
    assertThat(MergeSchema.forResource("batch", "cronjobs", List.of("v1")).description()).isEqualTo("a CronJob");
    assertThat(MergeSchema.forResource("batch", "cronjobs", List.of("v1beta1")).known()).isFalse();
  }

  @Test
  void mapsMergeOnSchemalessKinds() throws Exception {
    assertThat(merge("{'spec':{'sparkConf':{'a':'1'}}}", "{'kind':'X','spec':{'sparkConf':{'b':'2'}}}", SPARK_APPLICATION))
        .isEqualTo(json("{'spec':{'sparkConf':{'a':'1','b':'2'}}}"));
  }
}
