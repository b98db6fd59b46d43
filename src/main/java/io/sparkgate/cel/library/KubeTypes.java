package io.sparkgate.cel.library;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import java.util.Optional;

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

  /**
   * The types Kubernetes registers by name (each library's Types(), e.g. {@code net.IP}) and the
   * well-known names cel-go gives timestamp and duration.
   */
  private static final ImmutableList<CelType> NAMED =
      ImmutableList.of(QUANTITY, URL, IP, CIDR, SEMVER, NAMED_FORMAT, AUTHORIZER, PATH_CHECK, GROUP_CHECK,
          RESOURCE_CHECK, DECISION, SimpleType.TIMESTAMP, SimpleType.DURATION);

  private KubeTypes() {}

  /**
   * A type provider that knows the library's types by name, so that {@code type(ip('::1')) == net.IP}
   * compiles as in Kubernetes, then those of {@code extra} (may be null).
   */
  public static CelTypeProvider withLibraryTypes(CelTypeProvider extra) {
    return new CelTypeProvider() {
      @Override
      public ImmutableCollection<CelType> types() {
        return extra == null ? NAMED : ImmutableList.<CelType>builder().addAll(NAMED).addAll(extra.types()).build();
      }

      @Override
      public Optional<CelType> findType(String name) {
        Optional<CelType> named = NAMED.stream().filter(type -> type.name().equals(name)).findFirst();
        return named.isPresent() || extra == null ? named : extra.findType(name);
      }
    };
  }
}
