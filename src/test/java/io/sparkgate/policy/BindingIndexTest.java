package io.sparkgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The index returns exactly the bindings that may apply, in the set's order. */
class BindingIndexTest {
  @Test
  void aRequestSeesItsResourcesBindingsAndTheWildcardOnesInOrder() {
    Map<String, Set<String>> keys = Map.of(
        "a-pods", Set.of("/pods"),
        "b-any", Set.of(),
        "c-apps", Set.of("sparkoperator.k8s.io/sparkapplications", "spark.apache.org/sparkapplications"),
        "d-pods-and-configmaps", Set.of("/pods", "/configmaps"));
    BindingIndex<String> index = BindingIndex.of(List.of("a-pods", "b-any", "c-apps", "d-pods-and-configmaps"), keys::get);

    assertThat(index.candidates("", "pods")).containsExactly("a-pods", "b-any", "d-pods-and-configmaps");
    assertThat(index.candidates("spark.apache.org", "sparkapplications")).containsExactly("b-any", "c-apps");
    assertThat(index.candidates("", "configmaps")).containsExactly("b-any", "d-pods-and-configmaps");
    assertThat(index.candidates("apps", "deployments")).containsExactly("b-any");
  }
}
