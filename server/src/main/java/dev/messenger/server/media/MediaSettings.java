package dev.messenger.server.media;

import java.util.Objects;

/**
 * The media settings of a node (PROTOCOL.md "Media"; README settings table). Immutable.
 *
 * @param maxMediaBytes largest upload in bytes ({@code max-media-bytes}, default 25 MiB)
 * @param store where the bytes live: {@code file} (under {@code data-dir/media}, the default) or
 *     {@code s3} ({@code media-store})
 * @param s3Endpoint the S3-compatible endpoint, e.g. {@code http://127.0.0.1:9000} ({@code
 *     s3-endpoint}); empty: AWS's endpoint for the region
 * @param s3Bucket the bucket, created if missing ({@code s3-bucket})
 * @param s3AccessKey access key id ({@code s3-access-key})
 * @param s3SecretKey secret access key ({@code s3-secret-key}); never logged
 * @param s3Region region name ({@code s3-region}, default {@code us-east-1})
 */
public record MediaSettings(
    long maxMediaBytes,
    String store,
    String s3Endpoint,
    String s3Bucket,
    String s3AccessKey,
    String s3SecretKey,
    String s3Region) {

  /** 25 MiB. */
  public static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;

  /**
   * @throws IllegalArgumentException for a size outside 1 byte - 4 GiB, an unknown store, or S3
   *     without a bucket
   */
  public MediaSettings {
    Objects.requireNonNull(store, "media-store");
    if (maxMediaBytes < 1 || maxMediaBytes > (4L << 30)) {
      throw new IllegalArgumentException("max-media-bytes must be 1-4294967296");
    }
    if (!store.equals("file") && !store.equals("s3")) {
      throw new IllegalArgumentException("media-store must be file or s3");
    }
    s3Endpoint = s3Endpoint == null ? "" : s3Endpoint;
    s3Bucket = s3Bucket == null ? "" : s3Bucket;
    s3AccessKey = s3AccessKey == null ? "" : s3AccessKey;
    s3SecretKey = s3SecretKey == null ? "" : s3SecretKey;
    s3Region = s3Region == null || s3Region.isBlank() ? "us-east-1" : s3Region;
    if (store.equals("s3") && s3Bucket.isBlank()) {
      throw new IllegalArgumentException("media-store=s3 needs s3-bucket");
    }
  }

  /** Files under data-dir, 25 MiB. */
  public static MediaSettings defaults() {
    return new MediaSettings(DEFAULT_MAX_BYTES, "file", "", "", "", "", "us-east-1");
  }

  public MediaSettings withMaxMediaBytes(long n) {
    return new MediaSettings(n, store, s3Endpoint, s3Bucket, s3AccessKey, s3SecretKey, s3Region);
  }

  /** Hides the secret key. */
  @Override
  public String toString() {
    return "MediaSettings[maxMediaBytes="
        + maxMediaBytes
        + ", store="
        + store
        + ", s3Endpoint="
        + s3Endpoint
        + ", s3Bucket="
        + s3Bucket
        + ", s3Region="
        + s3Region
        + "]";
  }
}
