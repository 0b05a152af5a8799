package dev.messenger.server.settings;

import java.util.List;

/**
 * Uploads: the size limit and where the bytes live (PROTOCOL.md "Media"). Immutable; validated on
 * construction; {@link #toString()} masks the S3 credentials.
 *
 * @param maxMediaBytes largest upload in bytes ({@link #MAX_MEDIA_BYTES})
 * @param store files under {@code data-dir/media} or an S3-compatible store ({@link #STORE})
 * @param s3Endpoint the S3-compatible endpoint, e.g. {@code http://127.0.0.1:9000}; empty: AWS's
 *     endpoint for the region ({@link #S3_ENDPOINT})
 * @param s3Bucket the bucket, created if missing ({@link #S3_BUCKET})
 * @param s3AccessKey access key id ({@link #S3_ACCESS_KEY})
 * @param s3SecretKey secret access key ({@link #S3_SECRET_KEY})
 * @param s3Region region name; blank means {@code us-east-1} ({@link #S3_REGION})
 */
public record MediaSettings(
    long maxMediaBytes,
    MediaStoreKind store,
    String s3Endpoint,
    String s3Bucket,
    Secret s3AccessKey,
    Secret s3SecretKey,
    String s3Region) {

  public static final Setting<Long> MAX_MEDIA_BYTES =
      Setting.bytes(
              "max-media-bytes",
              25L * 1024 * 1024,
              1,
              4L << 30,
              s -> s.media().maxMediaBytes(),
              "largest media upload in bytes (one more byte: 413)")
          .documentDefault("`26214400` (25 MiB)");

  public static final Setting<MediaStoreKind> STORE =
      Setting.choice(
          "media-store",
          MediaStoreKind.FILE,
          s -> s.media().store(),
          "where media bytes live: `file` (under `data-dir`) or `s3` (any S3-compatible store)");

  public static final Setting<String> S3_ENDPOINT =
      Setting.text(
              "s3-endpoint",
              "",
              s -> s.media().s3Endpoint(),
              "the S3 endpoint, e.g. `http://127.0.0.1:9000` for MinIO (path-style requests)")
          .documentDefault("empty (AWS)");

  public static final Setting<String> S3_BUCKET =
      Setting.text(
          "s3-bucket",
          "",
          s -> s.media().s3Bucket(),
          "the S3 bucket for media, created if missing; needed with `media-store=s3`");

  public static final Setting<Secret> S3_ACCESS_KEY =
      Setting.secret("s3-access-key", s -> s.media().s3AccessKey(), "S3 access key id");

  public static final Setting<Secret> S3_SECRET_KEY =
      Setting.secret("s3-secret-key", s -> s.media().s3SecretKey(), "S3 secret access key");

  public static final Setting<String> S3_REGION =
      Setting.text("s3-region", "us-east-1", s -> s.media().s3Region(), "S3 region");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          MAX_MEDIA_BYTES, STORE, S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION);

  /**
   * @throws IllegalArgumentException for a size outside 1 byte - 4 GiB, or S3 without a bucket
   */
  public MediaSettings {
    MAX_MEDIA_BYTES.check(maxMediaBytes);
    STORE.check(store);
    S3_ENDPOINT.check(s3Endpoint);
    S3_BUCKET.check(s3Bucket);
    S3_ACCESS_KEY.check(s3AccessKey);
    S3_SECRET_KEY.check(s3SecretKey);
    s3Region = S3_REGION.check(s3Region).isBlank() ? "us-east-1" : s3Region;
    if (store == MediaStoreKind.S3 && s3Bucket.isBlank()) {
      throw new IllegalArgumentException("media-store=s3 needs s3-bucket");
    }
  }

  static MediaSettings from(Settings.Builder b) {
    return new MediaSettings(
        b.get(MAX_MEDIA_BYTES),
        b.get(STORE),
        b.get(S3_ENDPOINT),
        b.get(S3_BUCKET),
        b.get(S3_ACCESS_KEY),
        b.get(S3_SECRET_KEY),
        b.get(S3_REGION));
  }
}
