package io.sparkgate.images;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of checking one ImageScan object against the trusted keys: the record when it is
 * well formed and signed by a trusted key; otherwise the problem and the field it is at.
 */
public record ImageScanCheck(ImageScan scan, String digest, String problem, String pointer) {

  public boolean verified() {
    return problem == null;
  }

  public static ImageScanCheck of(JsonNode object, ImageScanKeys trusted) {
    String digest = object.path("spec").path("digest").asText("");
    ImageScan scan;
    try {
      scan = ImageScan.fromObject(object);
    } catch (ImageScanException e) {
      return new ImageScanCheck(null, digest, e.getMessage(), e.pointer());
    }
    String problem;
    try {
      problem = trusted.problem(object, scan.signature());
    } catch (IllegalArgumentException e) {
      problem = "the record cannot be put in canonical form: " + e.getMessage();
    }
    return problem == null
        ? new ImageScanCheck(scan, digest, null, null)
        : new ImageScanCheck(null, digest, problem, "/spec/signature");
  }
}
