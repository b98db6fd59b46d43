package io.sparkgate.audit.archive;

import io.sparkgate.audit.SegmentInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 operations of the archive: idempotent segment uploads, listing and download. Credentials
 * come from the AWS SDK's default provider chain (environment, profile files, web identity, ...).
 */
public final class ArchiveStore implements AutoCloseable {
  static final String SHA256_METADATA = "sha256";
  private static final Region FALLBACK_REGION = Region.US_EAST_1;

  private final S3Client s3;
  private final ArchiveLocation location;

  public ArchiveStore(S3Client s3, ArchiveLocation location) {
    this.s3 = s3;
    this.location = location;
  }

  /** A client for AWS S3 (endpoint null) or an S3-compatible store at {@code endpoint}, path-style. */
  public static ArchiveStore open(ArchiveLocation location, URI endpoint, Duration callTimeout) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(callTimeout))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .overrideConfiguration(c -> c.apiCallTimeout(callTimeout))
        .region(region());
    if (endpoint != null) {
      builder.endpointOverride(endpoint).forcePathStyle(true);
    }
    return new ArchiveStore(builder.build(), location);
  }

  private static Region region() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      return FALLBACK_REGION;
    }
  }

  public ArchiveLocation location() {
    return location;
  }

  public enum UploadResult { UPLOADED, ALREADY_ARCHIVED }

  /**
   * Makes sure the segment is in the archive under its key with the same content: an object that
   * is already there with the same SHA-256 counts as archived (a restarted uploader re-checks what it
   * had sent); otherwise the segment is put and then read back with HEAD.
   *
   * @throws IOException if the store cannot be reached, refuses the upload, or holds different
   *     content under the key (the segment is then never overwritten)
   */
  public UploadResult ensureArchived(SegmentKey key, SegmentInfo info, Duration retention) throws IOException {
    String objectKey = key.objectKey(location);
    Optional<HeadObjectResponse> existing = head(objectKey);
    if (existing.isPresent()) {
      requireSameContent(objectKey, existing.get(), info);
      return UploadResult.ALREADY_ARCHIVED;
    }
    PutObjectRequest.Builder put = PutObjectRequest.builder()
        .bucket(location.bucket())
        .key(objectKey)
        .contentType("application/x-ndjson")
        .metadata(Map.of(SHA256_METADATA, info.sha256()));
    if (retention != null) {
      put.objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(Instant.now().plus(retention));
    }
    try {
      s3.putObject(put.build(), RequestBody.fromFile(info.file()));
    } catch (SdkException e) {
      throw new IOException("cannot upload " + info.file() + " to " + describe(objectKey) + ": " + e.getMessage(), e);
    }
    HeadObjectResponse stored = head(objectKey).orElseThrow(() ->
        new IOException(describe(objectKey) + " is not in the store after its upload"));
    requireSameContent(objectKey, stored, info);
    return UploadResult.UPLOADED;
  }

  private static void requireSameContent(String objectKey, HeadObjectResponse head, SegmentInfo info)
      throws IOException {
    String sha = head.metadata().get(SHA256_METADATA);
    if (head.contentLength() == null || head.contentLength() != info.size() || !info.sha256().equals(sha)) {
      throw new IOException("the archive already holds a different " + objectKey + " (" + head.contentLength()
          + " bytes, sha256 " + sha + "; local " + info.file() + ": " + info.size() + " bytes, sha256 "
          + info.sha256() + "); not overwriting it. Is the same --audit-instance used by two servers?");
    }
  }

  private Optional<HeadObjectResponse> head(String objectKey) throws IOException {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(location.bucket()).key(objectKey)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new IOException("cannot read " + describe(objectKey) + ": " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("cannot reach the audit archive " + location + ": " + e.getMessage(), e);
    }
  }

  /** Every segment under the archive prefix, in key order (by instance, then chain order). */
  public List<SegmentKey> listSegments() throws IOException {
    List<SegmentKey> keys = new ArrayList<>();
    String prefix = location.keyPrefix();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)).contents()) {
        SegmentKey.parse(o.key().substring(prefix.length())).ifPresent(keys::add);
      }
    } catch (SdkException e) {
      throw new IOException("cannot list the audit archive " + location + ": " + e.getMessage(), e);
    }
    return keys;
  }

  /** Downloads one segment to {@code target} (replacing it). */
  public void download(SegmentKey key, Path target) throws IOException {
    String objectKey = key.objectKey(location);
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.deleteIfExists(partial);
      s3.getObject(b -> b.bucket(location.bucket()).key(objectKey), partial);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (SdkException e) {
      throw new IOException("cannot download " + describe(objectKey) + ": " + e.getMessage(), e);
    }
  }

  private String describe(String objectKey) {
    return "s3://" + location.bucket() + "/" + objectKey;
  }

  @Override
  public void close() {
    s3.close();
  }
}
