package io.sparkgate.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spark application names an object belongs to, as SparkPolicyExceptions match them: a
 * SparkApplication's or ScheduledSparkApplication's own name (and, for an application a schedule
 * created, the schedule's name), and for a Spark pod the application its operator or Spark
 * labelled it with. Labels are set by whoever creates the object, so they identify the
 * application only within the namespace, which is all an exception covers.
 */
public final class SparkAppNames {
  /** Pod labels naming the application, most specific first: kubeflow, the Apache operator, Spark. */
  static final List<String> POD_LABELS =
      List.of("sparkoperator.k8s.io/app-name", "spark.operator/spark-app-name", "spark-app-name");
  /** The kubeflow operator labels the SparkApplications a ScheduledSparkApplication creates. */
  static final String SCHEDULED_APP_LABEL = "sparkoperator.k8s.io/scheduled-app-name";
  private static final String ROLE_LABEL = "spark-role";

  private SparkAppNames() {}

  /** The names, empty for an object that is not a Spark application or a Spark pod. */
  public static List<String> of(JsonNode object) {
    if (object == null || !object.isObject()) {
      return List.of();
    }
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    JsonNode metadata = object.path("metadata");
    JsonNode labels = metadata.path("labels");
    List<String> names = new ArrayList<>(2);
    if (isApplication(apiVersion, kind)) {
      add(names, metadata.path("name"));
      add(names, labels.path(SCHEDULED_APP_LABEL));
    } else if ("v1".equals(apiVersion) && "Pod".equals(kind) && labels.has(ROLE_LABEL)) {
      for (String label : POD_LABELS) {
        if (labels.path(label).isTextual()) {
          add(names, labels.path(label));
          break;
        }
      }
    }
    return names;
  }

  private static boolean isApplication(String apiVersion, String kind) {
    if (apiVersion.startsWith("sparkoperator.k8s.io/")) {
      return kind.equals("SparkApplication") || kind.equals("ScheduledSparkApplication");
    }
    return apiVersion.startsWith("spark.apache.org/") && kind.equals("SparkApplication");
  }

  private static void add(List<String> names, JsonNode value) {
    if (value.isTextual() && !value.asText().isEmpty() && !names.contains(value.asText())) {
      names.add(value.asText());
    }
  }
}
