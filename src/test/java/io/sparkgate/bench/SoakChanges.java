package io.sparkgate.bench;

import io.sparkgate.certs.CertificateDirectory;
import io.sparkgate.certs.CertificateGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The changes a running server lives through in production, made the way operators make them: a
 * policy file edited (a reload), the serving certificate replaced (cert-manager's rotation: key
 * first, then certificate) and a SparkTenant edited. None changes a decision of the soak's load.
 */
final class SoakChanges {
  /** The kinds of change, made in turn. */
  enum Change {
    POLICY_RELOAD("reload"), CERTIFICATE_ROTATION("rotate"), TENANT_CHANGE("tenant");

    final String label;

    Change(String label) {
      this.label = label;
    }
  }

  private static final String EXTRA_POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: soak-configmap-names}
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
        validations:
        - expression: object.metadata.name.size() < LIMIT
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: soak-configmap-names}
      spec: {policyName: soak-configmap-names, validationActions: [Deny]}
      """;
  private static final String TOTAL_CORES = "maxCores: 64";
  private static final String TOTAL_CORES_CHANGED = "maxCores: 65";

  private final Path policies;
  private final Path certs;
  private final Path tenant;
  private int made;

  SoakChanges(Path policies, Path certs, Path tenant) {
    this.policies = policies;
    this.certs = certs;
    this.tenant = tenant;
  }

  /** Makes the next change in turn and says which. */
  Change next() throws IOException {
    Change change = Change.values()[made % Change.values().length];
    boolean odd = (made / Change.values().length) % 2 == 0;
    made++;
    switch (change) {
      case POLICY_RELOAD -> replace(policies.resolve("soak-reload.yaml"),
          EXTRA_POLICY.replace("LIMIT", odd ? "60" : "61"));
      case CERTIFICATE_ROTATION -> new CertificateDirectory(certs)
          .write(new CertificateGenerator().generate("sparkgate", "sparkgate", 30 + made % 7));
      case TENANT_CHANGE -> {
        String text = Files.readString(tenant);
        replace(tenant, odd ? text.replace(TOTAL_CORES, TOTAL_CORES_CHANGED) : text.replace(TOTAL_CORES_CHANGED, TOTAL_CORES));
      }
    }
    return change;
  }

  /** Written beside the target and moved over it, as a ConfigMap update lands: never half a file. */
  private static void replace(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(temporary, content);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
