package io.sparkgate.audit.archive;

import java.util.regex.Pattern;

/** {@code s3://BUCKET/PREFIX}: where sealed audit segments are archived. The prefix may be empty. */
public record ArchiveLocation(String bucket, String prefix) {
  private static final String SCHEME = "s3://";
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public static boolean isArchive(String source) {
    return source.startsWith(SCHEME);
  }

  /** @throws IllegalArgumentException with a message naming the problem */
  public static ArchiveLocation parse(String uri) {
    if (!isArchive(uri)) {
      throw new IllegalArgumentException("'" + uri + "' is not an s3://BUCKET/PREFIX location");
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("'" + uri + "': '" + bucket + "' is not a valid S3 bucket name");
    }
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return new ArchiveLocation(bucket, prefix);
  }

  /** The key prefix of one instance's segments, ending in '/'. */
  public String instancePrefix(String instance) {
    return keyPrefix() + instance + "/";
  }

  /** The key prefix of the whole archive: empty, or ending in '/'. */
  public String keyPrefix() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  @Override
  public String toString() {
    return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }
}
