package io.sparkgate.enforce;

import io.sparkgate.match.LabelSelectorPredicate;
import io.sparkgate.policy.ParamKind;
import io.sparkgate.policy.ParamLookup;
import io.sparkgate.policy.ParamObject;
import io.sparkgate.spark.SparkPolicyException;
import java.util.List;

/** Sparkgate's own kinds as the enforcement reads them from the param sources (files and cluster). */
public final class SparkKinds {
  public static final ParamKind TENANT = new ParamKind("sparkgate.io/v1", "SparkTenant");
  public static final ParamKind EXCEPTION = new ParamKind(SparkPolicyException.API_VERSION, SparkPolicyException.KIND);

  /** Kinds read from the cluster, whole, when the policies use SparkTenants. */
  public static final List<ParamKind> READ_WITH_TENANTS = List.of(TENANT, EXCEPTION);

  private SparkKinds() {}

  static List<ParamObject> tenants(ParamLookup params, String namespace) {
    return params.bySelector(TENANT, namespace, LabelSelectorPredicate.EVERYTHING);
  }

  static List<ParamObject> exceptions(ParamLookup params, String namespace) {
    return params.bySelector(EXCEPTION, namespace, LabelSelectorPredicate.EVERYTHING);
  }

  /** {@code SparkTenant <namespace>/<name>}. */
  static String describe(ParamObject tenant) {
    return "SparkTenant " + tenant.object().path("metadata").path("namespace").asText("") + "/" + tenant.name();
  }
}
