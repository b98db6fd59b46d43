package io.sparkgate.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code serve --cluster}: whether namespaces and parameter objects are also read from the cluster.
 * {@code off} (the default): files only, no API access at all. {@code on}: always, with the
 * in-cluster service account or the kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config}).
 * {@code auto}: on when running in a pod that can call the API server
 * ({@code KUBERNETES_SERVICE_HOST} set and a service account token mounted), off otherwise.
 */
public enum ClusterMode {
  OFF,
  ON,
  AUTO;

  public static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  public static ClusterMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--cluster must be off, on or auto, not \"" + text + "\"");
    }
  }

  /** Whether cluster mode is on, for this mode in this environment. */
  public boolean enabled(Map<String, String> environment, Path token) {
    return switch (this) {
      case OFF -> false;
      case ON -> true;
      case AUTO -> inPod(environment, token);
    };
  }

  static boolean inPod(Map<String, String> environment, Path token) {
    String host = environment.get("KUBERNETES_SERVICE_HOST");
    return host != null && !host.isBlank() && Files.isReadable(token);
  }
}
