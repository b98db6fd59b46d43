package io.sparkgate.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a policy change changes over the same objects: each object evaluated with the baseline and
 * the new policy set, compared; changes are told per namespace and team ({@link Teams}).
 */
public record Impact(List<Change> changes, int objects) {
  /** The kinds of change, in report order. */
  public enum Kind {
    NEWLY_DENIED("newly denied"), NEWLY_ALLOWED("newly allowed"), NEW_WARNING("new warning"),
    GONE_WARNING("gone warning"), CHANGED_PATCH("changed patch");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** One change of one object; {@code detail} is the new denial, the warning or the new patch. */
  public record Change(Kind kind, ObjectOutcome object, String team, String detail) {}

  /** Compares two scans of the same objects, in the same order. */
  public static Impact between(ScanResult baseline, ScanResult proposed, Teams teams) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < proposed.objects().size(); i++) {
      ObjectOutcome before = baseline.objects().get(i);
      ObjectOutcome after = proposed.objects().get(i);
      String team = teams.of(after.namespace());
      if (before.allowed() && !after.allowed()) {
        changes.add(new Change(Kind.NEWLY_DENIED, after, team, failures(after)));
      } else if (!before.allowed() && after.allowed()) {
        changes.add(new Change(Kind.NEWLY_ALLOWED, after, team, failures(before)));
      }
      Set<String> added = new LinkedHashSet<>(after.warnings());
      added.removeAll(before.warnings());
      added.forEach(w -> changes.add(new Change(Kind.NEW_WARNING, after, team, w)));
      Set<String> gone = new LinkedHashSet<>(before.warnings());
      gone.removeAll(after.warnings());
      gone.forEach(w -> changes.add(new Change(Kind.GONE_WARNING, after, team, w)));
      if (before.allowed() && after.allowed() && !before.patch().equals(after.patch())) {
        changes.add(new Change(Kind.CHANGED_PATCH, after, team, after.patch().isEmpty() ? "(no patch)" : after.patch()));
      }
    }
    changes.sort(Comparator.comparing(Change::kind));
    return new Impact(List.copyOf(changes), proposed.objects().size());
  }

  public List<Change> of(Kind kind) {
    return changes.stream().filter(change -> change.kind() == kind).toList();
  }

  /** Changes counted by namespace and team ("namespace (team)"), then kind. */
  public Map<String, Map<Kind, Integer>> byNamespaceAndTeam() {
    Map<String, Map<Kind, Integer>> counts = new TreeMap<>();
    for (Change change : changes) {
      String key = change.object().namespace() + " (team " + change.team() + ")";
      counts.computeIfAbsent(key, k -> new EnumMap<>(Kind.class)).merge(change.kind(), 1, Integer::sum);
    }
    return counts;
  }

  /** The line a reviewer pastes into a pull request. */
  public String summaryLine() {
    Map<String, Integer> deniedTeams = new TreeMap<>();
    of(Kind.NEWLY_DENIED).forEach(change -> deniedTeams.merge(change.team(), 1, Integer::sum));
    StringBuilder line = new StringBuilder("Policy change over ").append(objects).append(" objects: ")
        .append(of(Kind.NEWLY_DENIED).size()).append(" newly denied");
    if (!deniedTeams.isEmpty()) {
      List<String> parts = new ArrayList<>();
      deniedTeams.forEach((team, count) -> parts.add("team " + team + ": " + count));
      line.append(" (").append(String.join(", ", parts)).append(')');
    }
    return line.append(", ").append(of(Kind.NEWLY_ALLOWED).size()).append(" newly allowed, ")
        .append(of(Kind.NEW_WARNING).size()).append(" new warnings, ")
        .append(of(Kind.GONE_WARNING).size()).append(" gone warnings, ")
        .append(of(Kind.CHANGED_PATCH).size()).append(" changed patches").toString();
  }

  private static String failures(ObjectOutcome outcome) {
    List<String> messages = new ArrayList<>();
    outcome.findings().stream().filter(f -> f.status() == ScanStatus.FAIL)
        .forEach(f -> messages.add(f.policy() + ": " + f.message()));
    return String.join("; ", messages);
  }
}
