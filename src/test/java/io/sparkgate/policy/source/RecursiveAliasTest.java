package io.sparkgate.policy.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A YAML collection that contains itself through an alias is a load error at its position, not a
 * StackOverflowError (which ended the policy watcher's thread for good). Found by the policy-loader
 * fuzz test's seed corpus.
 */
class RecursiveAliasTest {
  private static final Path FILE = Path.of("policies", "loop.yaml");

  @Test
  void aListContainingItselfIsReportedWhereItIs() {
    assertThatThrownBy(() -> new YamlDocumentReader().read(FILE, "a: &a [*a]\n"))
        .isInstanceOf(YamlDocumentReader.UnreadableDocumentException.class)
        .hasMessageContaining("policies/loop.yaml:1:")
        .hasMessageContaining("recursive alias");
  }

  @Test
  void aMapContainingItselfFailsTheLoadWithAnIssue() {
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard())
        .compile(Map.of(FILE, "apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x, self: *m}\n"), new ArrayList<>());
    assertThat(result.hasErrors()).isTrue();
    assertThat(result.errors().get(0).toString()).contains("recursive alias");
  }

  @Test
  void anAliasUsedTwiceWithoutRecursionStillLoads() throws Exception {
    assertThat(new YamlDocumentReader().read(FILE, "a: &a {x: 1}\nb: *a\nc: [*a, *a]\n").get(0).tree().toString())
        .isEqualTo("{\"a\":{\"x\":1},\"b\":{\"x\":1},\"c\":[{\"x\":1},{\"x\":1}]}");
  }
}
