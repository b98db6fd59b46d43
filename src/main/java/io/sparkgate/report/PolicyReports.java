package io.sparkgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scan as {@code wgpolicyk8s.io/v1alpha2} reports, as Policy Reporter reads them: one
 * {@code PolicyReport} per namespace and one {@code ClusterPolicyReport} for cluster-scoped
 * objects, with one result per object and policy (source {@code sparkgate}) and summary counts.
 * Skips are left out; a waived violation is reported as {@code skip} with the property
 * {@code waived: "true"} (the report format has no waived result).
 *
 * <p>A namespace with more than {@link #MAX_RESULTS} results gets several reports
 * ({@code sparkgate-NS}, {@code sparkgate-NS-2}, ...), each with its own summary: the API server
 * stores an object of at most about 1.5 MiB, and a busy namespace's pods alone may exceed it.
 */
public final class PolicyReports {
  public static final String API_VERSION = "wgpolicyk8s.io/v1alpha2";
  public static final String SOURCE = "sparkgate";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String CLUSTER_REPORT_NAME = "sparkgate-cluster";
  /** Results per report: well under the API server's object size limit with long messages. */
  public static final int MAX_RESULTS = 1000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PolicyReports() {}

  /** The report name of a namespace's PolicyReport. */
  public static String reportName(String namespace) {
    return "sparkgate-" + namespace;
  }

  /** One report per namespace that has a result, the cluster report first when there is one. */
  public static List<ObjectNode> of(ScanResult result, Instant timestamp) {
    Map<String, List<ObjectNode>> resultsByNamespace = new TreeMap<>();
    for (ObjectOutcome outcome : result.objects()) {
      for (Finding finding : outcome.findings()) {
        if (finding.status() == ScanStatus.SKIP) {
          continue;
        }
        resultsByNamespace.computeIfAbsent(outcome.namespace(), n -> new ArrayList<>())
            .add(result(outcome, finding, timestamp));
      }
    }
    List<ObjectNode> reports = new ArrayList<>();
    resultsByNamespace.forEach((namespace, results) -> {
      for (int from = 0; from < results.size(); from += MAX_RESULTS) {
        List<ObjectNode> part = results.subList(from, Math.min(results.size(), from + MAX_RESULTS));
        reports.add(report(namespace, from / MAX_RESULTS, part));
      }
    });
    return reports;
  }

  /** The name of a namespace's report (part 0 is the only one of most namespaces). */
  private static String reportName(String namespace, int part) {
    String name = namespace.isEmpty() ? CLUSTER_REPORT_NAME : reportName(namespace);
    return part == 0 ? name : name + "-" + (part + 1);
  }

  private static ObjectNode report(String namespace, int part, List<ObjectNode> results) {
    Map<ScanStatus, Integer> counts = new EnumMap<>(ScanStatus.class);
    for (ObjectNode result : results) {
      counts.merge(ScanStatus.valueOf(result.path("result").asText().toUpperCase(Locale.ROOT)), 1,
          Integer::sum);
    }
    ObjectNode report = NODES.objectNode();
    report.put("apiVersion", API_VERSION);
    report.put("kind", namespace.isEmpty() ? "ClusterPolicyReport" : "PolicyReport");
    ObjectNode metadata = report.putObject("metadata");
    metadata.put("name", reportName(namespace, part));
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    metadata.putObject("labels").put(MANAGED_BY_LABEL, SOURCE);
    ObjectNode summary = report.putObject("summary");
    for (ScanStatus status : List.of(ScanStatus.PASS, ScanStatus.FAIL, ScanStatus.WARN, ScanStatus.ERROR,
        ScanStatus.SKIP)) {
      summary.put(status.text(), counts.getOrDefault(status, 0));
    }
    report.putArray("results").addAll(results);
    return report;
  }

  private static ScanStatus reported(ScanStatus status) {
    return status == ScanStatus.WAIVED ? ScanStatus.SKIP : status;
  }

  private static ObjectNode result(ObjectOutcome outcome, Finding finding, Instant timestamp) {
    ObjectNode entry = NODES.objectNode();
    entry.put("source", SOURCE);
    entry.put("policy", finding.policy());
    entry.put("result", reported(finding.status()).text());
    if (!finding.message().isEmpty()) {
      entry.put("message", finding.message());
    }
    entry.put("scored", true);
    entry.putObject("timestamp").put("seconds", timestamp.getEpochSecond()).put("nanos", timestamp.getNano());
    ScannedObject object = outcome.object();
    ArrayNode resources = entry.putArray("resources");
    ObjectNode resource = resources.addObject();
    resource.put("apiVersion", object.apiVersion());
    resource.put("kind", object.kind());
    resource.put("name", object.name());
    if (!outcome.namespace().isEmpty()) {
      resource.put("namespace", outcome.namespace());
    }
    if (!object.uid().isEmpty()) {
      resource.put("uid", object.uid());
    }
    if (finding.status() == ScanStatus.WAIVED) {
      entry.putObject("properties").put("waived", "true");
    }
    return entry;
  }
}
