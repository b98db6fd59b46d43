package io.sparkgate.audit;

import io.sparkgate.admission.GroupVersionKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One admission decision, as written to the audit log. The server maps its own decision types onto
 * this record; {@link #builder()} keeps that mapping readable.
 *
 * @param time when the decision was made (written in UTC with millisecond precision)
 * @param uid the AdmissionReview request uid
 * @param resource plural resource name, e.g. {@code sparkapplications}
 * @param subResource sub-resource such as {@code status}, or null
 * @param patchPaths the JSON Pointer paths the mutation patch touches (empty for validation)
 * @param images the scan record each image of an admitted Spark object was checked against (empty when none)
 * @param policySetHash hash identifying the policy set in force when the decision was made
 * @param latencyMicros time spent deciding, in microseconds
 * @param instanceId the server instance that made the decision
 * @param cost the estimate, team and cost center of an admitted Spark application CREATE, or null
 */
public record AuditRecord(
    Instant time,
    String uid,
    Endpoint endpoint,
    String operation,
    GroupVersionKind kind,
    String resource,
    String subResource,
    String namespace,
    String name,
    UserRef user,
    boolean dryRun,
    boolean allowed,
    int statusCode,
    String statusMessage,
    List<PolicyOutcome> policies,
    List<String> warnings,
    List<String> patchPaths,
    String policySetHash,
    long latencyMicros,
    String instanceId,
    List<ImageEvidence> images,
    RunCost cost) {

  public AuditRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(endpoint, "endpoint");
    kind = kind == null ? new GroupVersionKind("", "", "") : kind;
    user = user == null ? new UserRef("", List.of()) : user;
    policies = policies == null ? List.of() : List.copyOf(policies);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    patchPaths = patchPaths == null ? List.of() : List.copyOf(patchPaths);
    images = images == null ? List.of() : List.copyOf(images);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; unset strings stay null, unset lists empty. */
  public static final class Builder {
    private Instant time;
    private String uid;
    private Endpoint endpoint;
    private String operation;
    private GroupVersionKind kind;
    private String resource;
    private String subResource;
    private String namespace;
    private String name;
    private UserRef user;
    private boolean dryRun;
    private boolean allowed;
    private int statusCode;
    private String statusMessage;
    private List<PolicyOutcome> policies;
    private List<String> warnings;
    private List<String> patchPaths;
    private List<ImageEvidence> images;
    private String policySetHash;
    private long latencyMicros;
    private String instanceId;
    private RunCost cost;

    private Builder() {}

    public Builder time(Instant v) { time = v; return this; }
    public Builder uid(String v) { uid = v; return this; }
    public Builder endpoint(Endpoint v) { endpoint = v; return this; }
    public Builder operation(String v) { operation = v; return this; }
    public Builder kind(GroupVersionKind v) { kind = v; return this; }
    public Builder kind(String group, String version, String kindName) { kind = new GroupVersionKind(group, version, kindName); return this; }
    public Builder resource(String v) { resource = v; return this; }
    public Builder subResource(String v) { subResource = v; return this; }
    public Builder namespace(String v) { namespace = v; return this; }
    public Builder name(String v) { name = v; return this; }
    public Builder user(UserRef v) { user = v; return this; }
    public Builder user(String username, List<String> groups) { user = new UserRef(username, groups); return this; }
    public Builder dryRun(boolean v) { dryRun = v; return this; }
    public Builder allowed(boolean v) { allowed = v; return this; }
    public Builder statusCode(int v) { statusCode = v; return this; }
    public Builder statusMessage(String v) { statusMessage = v; return this; }
    public Builder policies(List<PolicyOutcome> v) { policies = v; return this; }
    public Builder warnings(List<String> v) { warnings = v; return this; }
    public Builder patchPaths(List<String> v) { patchPaths = v; return this; }
    public Builder policySetHash(String v) { policySetHash = v; return this; }
    public Builder latencyMicros(long v) { latencyMicros = v; return this; }
    public Builder instanceId(String v) { instanceId = v; return this; }
    public Builder images(List<ImageEvidence> v) { images = v; return this; }
    public Builder cost(RunCost v) { cost = v; return this; }

    public AuditRecord build() {
      return new AuditRecord(time, uid, endpoint, operation, kind, resource, subResource, namespace, name, user,
          dryRun, allowed, statusCode, statusMessage, policies, warnings, patchPaths, policySetHash, latencyMicros,
          instanceId, images, cost);
    }
  }
}
