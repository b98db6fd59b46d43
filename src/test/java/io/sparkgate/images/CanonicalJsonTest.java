package io.sparkgate.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String canonical(String json) throws Exception {
    return new String(CanonicalJson.bytes(JSON.readTree(json)), StandardCharsets.UTF_8);
  }

  @Test
  void membersAreSortedByUtf16CodeUnitsWithoutWhiteSpace() throws Exception {
    // RFC 8785 section 3.2.3's example of sorting: "\u20ac" (U+20AC) sorts before "\ud83d\ude00" (U+1F600) by code units
    assertThat(canonical("{\"b\": [1, 2, {\"z\": true, \"a\": null}], \"a\": \"x\", \"\\ud83d\\ude00\": 1, \"\\u20ac\": 2}"))
        .isEqualTo("{\"a\":\"x\",\"b\":[1,2,{\"a\":null,\"z\":true}],\"\u20ac\":2,\"\ud83d\ude00\":1}");
  }

  @Test
  void stringsCarryOnlyTheRequiredEscapes() throws Exception {
    assertThat(canonical("\"a\\\"b\\\\c\\n\\u0001\\u007f/\\u00e9\""))
        .isEqualTo("\"a\\\"b\\\\c\\n\\u0001\u007f/\u00e9\"");
  }

  @Test
  void numbersOtherThanIntegersAreRefused() {
    assertThatThrownBy(() -> canonical("{\"a\": 1.5}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> canonical("{\"a\": 18014398509481985}")).isInstanceOf(IllegalArgumentException.class);
  }
}
