package io.sparkgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.audit.ImageEvidence;
import io.sparkgate.cel.JsonValues;
import io.sparkgate.spark.SparkImages;
import io.sparkgate.spark.SparkPods;
import io.sparkgate.spark.SparkValueException;
import io.sparkgate.images.ImageScan;
import io.sparkgate.images.ImageScanIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** For the audit record: the verified scan record each image of an admitted Spark object was checked against. */
final class ImageEvidenceOf {
  private ImageEvidenceOf() {}

  static List<ImageEvidence> admitted(AdmissionRequest request, boolean allowed, ImageScanIndex scans) {
    JsonNode object = request.object();
    if (!allowed || scans.verifiedCount() == 0 || object == null || !object.isObject()) {
      return List.of();
    }
    Object value = JsonValues.of(object);
    if (!isSparkObject(object, value)) {
      return List.of();
    }
    List<ImageEvidence> evidence = new ArrayList<>();
    try {
      for (Map.Entry<String, ImageScan> entry : scans.verifiedRecords(SparkImages.of(value)).entrySet()) {
        ImageScan scan = entry.getValue();
        evidence.add(new ImageEvidence(entry.getKey(), scan.digest(), scan.scannedAt(), scan.signature().keyId()));
      }
    } catch (SparkValueException e) {
      return List.of(); // the object's images cannot be read: the policies decided on that already
    }
    return evidence;
  }

  private static boolean isSparkObject(JsonNode object, Object value) {
    String kind = object.path("kind").asText();
    if (kind.equals("Pod")) {
      return SparkPods.isSparkPod(value);
    }
    return kind.equals("SparkApplication") || kind.equals("ScheduledSparkApplication");
  }
}
