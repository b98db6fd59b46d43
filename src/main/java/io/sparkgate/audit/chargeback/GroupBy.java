package io.sparkgate.audit.chargeback;

import io.sparkgate.audit.AuditRecord;
import java.util.Locale;

/** What chargeback totals are grouped by; a record without the value is grouped under "-". */
public enum GroupBy {
  TEAM("team"),
  COST_CENTER("costCenter"),
  NAMESPACE("namespace");

  static final String NONE = "-";

  private final String wireName;

  GroupBy(String wireName) {
    this.wireName = wireName;
  }

  /** {@code team}, {@code costCenter} or {@code namespace}: the option value and the column name. */
  public String wireName() {
    return wireName;
  }

  /** The group of a record that carries a cost. */
  String of(AuditRecord record) {
    String value = switch (this) {
      case TEAM -> record.cost().team();
      case COST_CENTER -> record.cost().costCenter();
      case NAMESPACE -> record.namespace();
    };
    return value == null || value.isEmpty() ? NONE : value;
  }

  /** Case-insensitive; {@code cost-center} is accepted too. */
  public static GroupBy fromWireName(String text) {
    String wanted = text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (GroupBy by : values()) {
      if (by.wireName.toLowerCase(Locale.ROOT).equals(wanted)) {
        return by;
      }
    }
    throw new IllegalArgumentException("expected team, costCenter or namespace, not '" + text + "'");
  }
}
