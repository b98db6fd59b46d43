package io.sparkgate.cel.library;

import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;

/** The CEL types of the Kubernetes library, named as Kubernetes names them. */
public final class KubeTypes {

  public static final CelType QUANTITY = OpaqueType.create("kubernetes.Quantity");
  public static final CelType URL = OpaqueType.create("kubernetes.URL");
  public static final CelType IP = OpaqueType.create("net.IP");
  public static final CelType CIDR = OpaqueType.create("net.CIDR");
  public static final CelType SEMVER = OpaqueType.create("kubernetes.Semver");
  public static final CelType NAMED_FORMAT = OpaqueType.create("kubernetes.NamedFormat");
  public static final CelType AUTHORIZER = OpaqueType.create("kubernetes.authorization.Authorizer");
  public static final CelType PATH_CHECK = OpaqueType.create("kubernetes.authorization.PathCheck");
  public static final CelType GROUP_CHECK = OpaqueType.create("kubernetes.authorization.GroupCheck");
  public static final CelType RESOURCE_CHECK =
      OpaqueType.create("kubernetes.authorization.ResourceCheck");
  public static final CelType DECISION = OpaqueType.create("kubernetes.authorization.Decision");

  private KubeTypes() {}
}
