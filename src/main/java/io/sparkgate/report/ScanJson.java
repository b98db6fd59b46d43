package io.sparkgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The scan as stable JSON ({@code sparkgate.io/v1} {@code ScanReport}, documented in
 * docs/scan.md): summary, counts per namespace and policy, and every finding that is not a pass or
 * a skip, in input order.
 */
public final class ScanJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ScanJson() {}

  public static ObjectNode tree(ScanResult result) {
    ObjectNode root = NODES.objectNode();
    root.put("apiVersion", "sparkgate.io/v1");
    root.put("kind", "ScanReport");
    root.put("policySet", result.policySetHash());
    ObjectNode summary = root.putObject("summary");
    summary.put("objects", result.objects().size());
    summary.put("denied", result.objects().stream().filter(o -> !o.allowed()).count());
    putCounts(summary, result.totals());
    ArrayNode namespaces = root.putArray("namespaces");
    result.counts().forEach((namespace, byPolicy) -> {
      ObjectNode entry = namespaces.addObject();
      entry.put("namespace", namespace);
      ArrayNode policies = entry.putArray("policies");
      byPolicy.forEach((policy, counts) -> putCounts(policies.addObject().put("policy", policy), counts));
    });
    ArrayNode findings = root.putArray("results");
    for (ObjectOutcome outcome : result.objects()) {
      for (Finding finding : outcome.findings()) {
        if (finding.status() == ScanStatus.PASS || finding.status() == ScanStatus.SKIP) {
          continue;
        }
        ObjectNode entry = findings.addObject();
        putObject(entry, outcome);
        entry.put("policy", finding.policy());
        entry.put("status", finding.status().text());
        entry.put("message", finding.message());
      }
    }
    return root;
  }

  static void putObject(ObjectNode entry, ObjectOutcome outcome) {
    ScannedObject object = outcome.object();
    entry.put("namespace", outcome.namespace());
    entry.put("apiVersion", object.apiVersion());
    entry.put("kind", object.kind());
    entry.put("name", object.name());
    entry.put("uid", object.uid());
    entry.put("source", object.source());
  }

  private static void putCounts(ObjectNode node, Map<ScanStatus, Integer> counts) {
    for (ScanStatus status : ScanStatus.values()) {
      node.put(status.text(), counts.getOrDefault(status, 0));
    }
  }
}
