package io.sparkgate.lint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.lint.PolicyExpressions.Site;
import io.sparkgate.policy.CompileCache;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.source.SourceDocument;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@link SchemaCheck} with its findings kept in the compile cache between runs of {@code lint}: a
 * policy is checked again only when what its findings depend on changed. They depend on the
 * policy's matchConstraints and paramKind (which schemas type {@code object} and {@code params}),
 * its expressions in order with where each stands and the variable it defines, and the build of
 * Sparkgate (its CEL environment and schemas), which the cache's directory is named for. A missing
 * or unreadable entry is checked again; an entry never changes a finding.
 */
public final class CachedSchemaCheck {
  private static final String KEY_VERSION = "schema-check/1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<SchemaFinding>> FINDINGS = new TypeReference<>() {};

  private final CelEnvironment untyped;
  private final CompileCache cache;
  private SchemaCheck check;

  /** @param untyped the server's environment, as {@link SchemaCheck} takes it */
  public CachedSchemaCheck(CelEnvironment untyped, CompileCache cache) {
    this.untyped = untyped;
    this.cache = cache;
  }

  /** Problems of one ValidatingAdmissionPolicy or MutatingAdmissionPolicy document. */
  public List<LoadIssue> check(SourceDocument document) {
    String key = key(document);
    List<SchemaFinding> findings = cache.read(key).flatMap(CachedSchemaCheck::decode).orElse(null);
    if (findings == null) {
      findings = schemaCheck().findings(document);
      cache.write(key, encode(findings));
    }
    return SchemaFinding.locate(document, findings);
  }

  /** The check itself, built at the first policy not in the cache: loading its schemas takes a while. */
  private SchemaCheck schemaCheck() {
    if (check == null) {
      check = new SchemaCheck(untyped);
    }
    return check;
  }

  static String key(SourceDocument document) {
    JsonNode spec = document.tree().path("spec");
    StringBuilder key = new StringBuilder(KEY_VERSION).append('\0')
        .append(spec.path("matchConstraints")).append('\0')
        .append(spec.path("paramKind")).append('\0');
    for (Site site : PolicyExpressions.of(document)) {
      key.append(site.pointer()).append('\0').append(site.variable()).append('\0')
          .append(site.source().length()).append(':').append(site.source()).append('\0');
    }
    return key.toString();
  }

  private static byte[] encode(List<SchemaFinding> findings) {
    try {
      return JSON.writeValueAsBytes(findings);
    } catch (IOException e) {
      throw new IllegalStateException("findings are plain records", e);
    }
  }

  private static Optional<List<SchemaFinding>> decode(byte[] bytes) {
    try {
      List<SchemaFinding> findings = JSON.readValue(bytes, FINDINGS);
      boolean whole = findings != null && findings.stream().allMatch(finding -> finding != null
          && finding.pointer() != null && finding.message() != null);
      return whole ? Optional.of(findings) : Optional.empty();
    } catch (IOException | RuntimeException corrupt) {
      return Optional.empty();
    }
  }
}
