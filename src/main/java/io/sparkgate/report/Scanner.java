package io.sparkgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.admission.InvalidReviewException;
import io.sparkgate.decide.PolicyResult;
import io.sparkgate.engine.OfflineAdmission;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.Review;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.FileNamespaces;
import io.sparkgate.policy.ParamStore;
import io.sparkgate.policy.PolicySet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates existing objects as the API server would evaluate their CREATE (mutating chain, then
 * validation of the mutated object: {@code eval --phase all}) through the one offline engine.
 * Namespaces and parameter objects among the scanned objects are used as if they were in the
 * policy directory, in front of its own.
 */
public final class Scanner {
  public static final String USER = "sparkgate-scan";

  private final OfflineAdmission admission = new OfflineAdmission();

  /** The set with the scanned objects' Namespaces and parameter objects in front of its own. */
  public static PolicySet withObjectsInFront(PolicySet set, List<ScannedObject> objects) {
    ParamStore.Builder params = new ParamStore.Builder();
    Map<String, JsonNode> namespaces = new HashMap<>();
    for (ScannedObject object : objects) {
      if (object.isNamespace()) {
        namespaces.put(object.name(), object.object());
      } else {
        params.add(object.object());
      }
    }
    return set.withSourcesInFront(params.build(), new FileNamespaces(namespaces));
  }

  /**
   * @param namespace only objects of this namespace, or every object when null
   * @throws ScanInputs.BadInputException when an object cannot be made into a request
   */
  public ScanResult scan(PolicySet set, List<ScannedObject> objects, String namespace)
      throws ScanInputs.BadInputException {
    long start = System.nanoTime();
    Instant now = Instant.now();
    PolicySet effective = withObjectsInFront(set, objects);
    List<ObjectOutcome> outcomes = new ArrayList<>(objects.size());
    for (ScannedObject object : objects) {
      ObjectOutcome outcome = evaluate(effective, object, namespace, now);
      if (outcome != null) {
        outcomes.add(outcome);
      }
    }
    return new ScanResult(set.hash(), outcomes, objects.size(), System.nanoTime() - start);
  }

  /**
   * One object evaluated as a CREATE with {@code set} as it is (its params and namespaces are the
   * ones used): the step a scan repeats, for callers that pace the objects themselves.
   *
   * @param namespace only an object evaluated in this namespace, or any object when null
   * @return the outcome, or null when the object is not evaluated in {@code namespace}
   * @throws ScanInputs.BadInputException when the object cannot be made into a request
   */
  public ObjectOutcome evaluate(PolicySet set, ScannedObject object, String namespace, Instant now)
      throws ScanInputs.BadInputException {
    ObjectNode review = review(object);
    String evaluatedIn = object.isNamespace() ? "" : review.path("request").path("namespace").asText("");
    if (namespace != null && !namespace.equals(evaluatedIn)) {
      return null;
    }
    return outcome(object, evaluatedIn, evaluate(object, review, set, now));
  }

  private static ObjectNode review(ScannedObject object) throws ScanInputs.BadInputException {
    try {
      return new ReviewBuilder().operation("CREATE").user(USER, List.of("system:authenticated"))
          .build(object.object());
    } catch (IllegalArgumentException e) {
      throw new ScanInputs.BadInputException(object.source() + ": " + e.getMessage());
    }
  }

  private Review evaluate(ScannedObject object, ObjectNode review, PolicySet set, Instant now)
      throws ScanInputs.BadInputException {
    try {
      return admission.review(review, null, set, Phase.ALL, Explainer.NONE, now);
    } catch (InvalidReviewException e) {
      throw new ScanInputs.BadInputException(object.source() + ": not a usable object: " + e.getMessage());
    }
  }

  private static ObjectOutcome outcome(ScannedObject object, String namespace, Review review) {
    Map<String, Finding> byPolicy = new LinkedHashMap<>();
    for (PolicyResult result : review.results()) {
      ScanStatus status = ScanStatus.of(result);
      String message = result.message() == null ? "" : result.message();
      byPolicy.merge(result.policy(), new Finding(result.policy(), status, message),
          (was, now) -> now.status().worst(was.status()) == was.status() ? was : now);
    }
    byte[] patch = review.response().patch();
    return new ObjectOutcome(object, namespace, review.response().allowed(), List.copyOf(byPolicy.values()),
        review.response().warnings(), patch == null ? "" : new String(patch, StandardCharsets.UTF_8));
  }
}
