package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tenant's schema is the one list of SparkTenant fields: the CRD serves the same schema (less
 * Sparkgate's {@code x-sparkgate-*} keys, which the API server would refuse), the docs' field table
 * names every field, and every {@code x-sparkgate-format} is one the check knows.
 */
class SparkTenantSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static JsonNode schema() throws Exception {
    try (InputStream in = SparkTenantValidator.class.getResourceAsStream(SparkTenantValidator.SCHEMA)) {
      return JSON.readTree(in);
    }
  }

  static JsonNode withoutSparkgateKeys(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().removeIf(field -> field.getKey().startsWith("x-sparkgate-"));
    }
    node.forEach(SparkTenantSchemaTest::strip);
  }

  @Test
  void theCrdServesTheTenantSchema() throws Exception {
    JsonNode crd = YAML.readTree(Files.readString(Path.of("deploy/base/sparktenant-crd.yaml")));
    JsonNode served = null;
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.path("name").asText().equals(SparkTenantValidator.API_VERSION.split("/")[1])) {
        served = version.path("schema").path("openAPIV3Schema");
      }
    }
    assertThat(served).as("the CRD's openAPIV3Schema equals " + SparkTenantValidator.SCHEMA
        + " without its x-sparkgate-* keys").isEqualTo(withoutSparkgateKeys(schema()));
  }

  @Test
  void everyFieldIsInTheDocsTable() throws Exception {
    Set<String> documented = documentedFields(Files.readString(Path.of("docs/spark-pack.md")));
    List<String> fields = new ArrayList<>();
    leaves(schema().path("properties").path("spec"), "", fields);
    assertThat(fields).hasSizeGreaterThan(10);
    assertThat(documented).as("docs/spark-pack.md's SparkTenant field table").containsAll(fields);
    assertThat(fields).as("the table documents no field the schema lacks").containsAll(documented);
  }

  @Test
  void everyFormatIsOneTheCheckKnows() throws Exception {
    List<String> formats = new ArrayList<>();
    schema().findValues("x-sparkgate-format").forEach(format -> formats.add(format.asText()));
    assertThat(formats).isNotEmpty()
        .allSatisfy(format -> assertThat(TenantFieldFormat.named(format)).as(format).isPresent());
  }

  /** The first column of the table under "## SparkTenant", with {@code `a.b.c`, `.d`} read as a.b.c and a.b.d. */
  static Set<String> documentedFields(String markdown) {
    String section = markdown.substring(markdown.indexOf("## SparkTenant"));
    section = section.substring(0, section.indexOf("\n## ", 1) < 0 ? section.length() : section.indexOf("\n## ", 1));
    Set<String> fields = new LinkedHashSet<>();
    for (String line : section.split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String previous = "";
      for (String cell : line.split("\\|")[1].split(",")) {
        String field = cell.strip().replace("`", "");
        if (field.startsWith(".")) {
          field = previous.substring(0, previous.lastIndexOf('.')) + field;
        }
        fields.add(field);
        previous = field;
      }
    }
    return fields;
  }

  private static void leaves(JsonNode schema, String prefix, List<String> out) {
    JsonNode properties = schema.path("properties");
    if (!properties.isObject() || properties.isEmpty()) {
      out.add(prefix);
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      leaves(property.getValue(), prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey(), out);
    }
  }
}
