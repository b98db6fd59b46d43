package io.sparkgate.images;

/**
 * A container image reference as Kubernetes takes it ({@code [registry/]repository[:tag][@digest]}),
 * split into repository, tag and digest. Only the {@code sha256} digest form counts as pinned.
 */
public record ImageReference(String repository, String tag, String digest) {

  public static ImageReference parse(String image) {
    String rest = image.strip();
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return new ImageReference(rest, tag, digest);
  }

  /** The digest when it is a well-formed sha256 digest, else {@code ""}. */
  public String pinnedDigest() {
    return ImageScan.DIGEST.matcher(digest).matches() ? digest : "";
  }
}
