package io.sparkgate.certs;

import io.sparkgate.admission.KubernetesNames;
import java.util.List;

/**
 * The names a webhook Service is reached by. The API server checks {@code NAME.NS.svc}; the shorter
 * forms serve in-cluster clients and the loopback names serve local development and tests.
 */
public record ServingNames(String service, String namespace) {
  public static final List<String> LOOPBACK_IP_ADDRESSES = List.of("127.0.0.1", "::1");

  public ServingNames {
    requireDnsLabel("service", service);
    requireDnsLabel("namespace", namespace);
  }

  public List<String> dnsNames() {
    String qualified = service + "." + namespace;
    return List.of(service, qualified, qualified + ".svc", qualified + ".svc.cluster.local",
        "localhost");
  }

  /** The name the API server verifies, used as the subject's common name. */
  public String serviceHostName() {
    return service + "." + namespace + ".svc";
  }

  private static void requireDnsLabel(String what, String value) {
    if (value == null || !KubernetesNames.isDns1123Label(value)) {
      throw new IllegalArgumentException(what + " name '" + value
          + "' is not a DNS label (lowercase letters, digits and '-', at most 63, starting and"
          + " ending with a letter or digit)");
    }
  }
}
