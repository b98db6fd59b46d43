package io.sparkgate.decide;

import java.time.Instant;

/**
 * Why a violation a binding would deny is allowed with a warning instead: an active exception
 * ({@code exception} is its {@code namespace/name}, {@code expires} its end), or the tenant's Warn
 * mode for the policy ({@code exception} and {@code expires} null).
 */
public record DenialRelief(Source source, String exception, Instant expires, String tenant) {
  public enum Source {
    EXCEPTION,
    TENANT_WARN
  }

  public static DenialRelief exception(String exception, Instant expires) {
    return new DenialRelief(Source.EXCEPTION, exception, expires, null);
  }

  public static DenialRelief tenantWarn(String tenant) {
    return new DenialRelief(Source.TENANT_WARN, null, null, tenant);
  }
}
