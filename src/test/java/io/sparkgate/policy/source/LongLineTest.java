package io.sparkgate.policy.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A policy file with one enormous line is refused at once with its position: SnakeYAML's time on a
 * single token grows with the square of its length (15-25 s for 7 MB on one line), which delayed
 * every reload behind it. Lines up to the bound still load.
 */
class LongLineTest {
  private static final Path FILE = Path.of("policies", "big.json");

  @Test
  void aLineOverTheBoundIsAPositionedIssueNotAStall() {
    String text = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"blob\":\""
        + "x".repeat(7_000_000) + "\"}}\n";
    long start = System.nanoTime();
    assertThatThrownBy(() -> new YamlDocumentReader().read(FILE, "# a comment\n" + text))
        .isInstanceOf(YamlDocumentReader.UnreadableDocumentException.class)
        .hasMessageContaining("policies/big.json:2:" + (YamlDocumentReader.MAX_LINE_CHARS + 1))
        .hasMessageContaining("line 2 has " + (text.length() - 1) + " characters; a line may have at most 1048576");
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms to refuse it").isLessThan(5_000);
  }

  @Test
  void aLongLineWithinTheBoundLoads() throws Exception {
    String blob = "x".repeat(YamlDocumentReader.MAX_LINE_CHARS - 100);
    var documents = new YamlDocumentReader().read(FILE, "{\"kind\":\"ConfigMap\",\"data\":{\"blob\":\"" + blob + "\"}}");
    assertThat(documents.get(0).tree().path("data").path("blob").asText()).hasSize(blob.length());
  }
}
