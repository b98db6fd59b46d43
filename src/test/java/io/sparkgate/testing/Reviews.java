package io.sparkgate.testing;

import java.nio.charset.StandardCharsets;

/** AdmissionReview bodies and a small policy shared by the server, process and load tests. */
public final class Reviews {
  private Reviews() {}

  /** The replicas policy: at most 5 replicas for Deployments. */
  public static final String REPLICAS_POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: replicas}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
          - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
        validations:
        - expression: object.spec.replicas <= 5
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: replicas}
      spec: {policyName: replicas, validationActions: [Deny]}
      """;

  public static byte[] deployment(String uid, int replicas) {
    return """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
          "uid":"%s","kind":{"group":"apps","version":"v1","kind":"Deployment"},
          "resource":{"group":"apps","version":"v1","resource":"deployments"},
          "name":"web","namespace":"default","operation":"CREATE",
          "userInfo":{"username":"alice","groups":["system:authenticated"]},
          "object":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
                    "spec":{"replicas":%d}}}}""".formatted(uid, replicas).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] configMap(String uid, String big) {
    return """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
          "uid":"%s","kind":{"group":"","version":"v1","kind":"ConfigMap"},
          "resource":{"group":"","version":"v1","resource":"configmaps"},
          "name":"c","namespace":"default","operation":"CREATE",
          "userInfo":{"username":"mallory"},
          "object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default"},
                    "data":{"big":"%s"}}}}""".formatted(uid, big).getBytes(StandardCharsets.UTF_8);
  }
}
