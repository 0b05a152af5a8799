package dev.messenger.server.media;

import dev.messenger.core.media.MediaStore;
import dev.messenger.server.settings.MediaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link MediaStore} on any S3-compatible object store ({@code media-store=s3}): AWS S3, MinIO,
 * Ceph, s3proxy. Uses the AWS SDK v2 with its URL-connection HTTP client (no Netty beside
 * Vert.x's), path-style addressing (works with any endpoint) and checksums only where the API
 * requires them (third-party stores may not know the newer ones). One object per key; a put is a
 * single PutObject, so an object is whole or absent.
 *
 * <p>Thread-safe (the SDK client is); every call blocks on the network. SDK failures become {@link
 * IOException}s; a missing object is {@link NoSuchFileException}.
 */
public final class S3MediaStore implements MediaStore, AutoCloseable {
  private final S3Client s3;
  private final String bucket;

  private S3MediaStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /**
   * Connects and creates the bucket if it does not exist.
   *
   * @throws IOException if the store cannot be reached or the bucket cannot be made
   */
  public static S3MediaStore open(MediaSettings settings) throws IOException {
    S3ClientBuilder b =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.of(settings.s3Region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        settings.s3AccessKey().reveal(), settings.s3SecretKey().reveal())))
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (!settings.s3Endpoint().isBlank()) {
      b.endpointOverride(URI.create(settings.s3Endpoint()));
    }
    S3Client client = b.build();
    S3MediaStore store = new S3MediaStore(client, settings.s3Bucket());
    try {
      store.ensureBucket();
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
    return store;
  }

  private void ensureBucket() throws IOException {
    try {
      s3.headBucket(r -> r.bucket(bucket));
    } catch (NoSuchBucketException e) {
      create();
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw io("cannot reach bucket " + bucket, e);
      }
      create();
    } catch (SdkException e) {
      throw io("cannot reach bucket " + bucket, e);
    }
  }

  private void create() throws IOException {
    try {
      s3.createBucket(r -> r.bucket(bucket));
    } catch (SdkException e) {
      throw io("cannot create bucket " + bucket, e);
    }
  }

  @Override
  public void put(String key, Path source) throws IOException {
    try {
      s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(source));
    } catch (SdkException e) {
      throw io("put " + key, e);
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    try {
      head(key);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  @Override
  public long size(String key) throws IOException {
    return head(key).contentLength();
  }

  private HeadObjectResponse head(String key) throws IOException {
    try {
      return s3.headObject(r -> r.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new NoSuchFileException(key);
      }
      throw io("head " + key, e);
    } catch (SdkException e) {
      throw io("head " + key, e);
    }
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    if (length == 0) {
      head(key);
      return InputStream.nullInputStream();
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try {
      return s3.getObject(r -> r.bucket(bucket).key(key).range(range));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new NoSuchFileException(key);
      }
      throw io("get " + key, e);
    } catch (SdkException e) {
      throw io("get " + key, e);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    try {
      s3.deleteObject(r -> r.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw io("delete " + key, e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }

  private static IOException io(String what, Exception e) {
    return new IOException("S3 " + what + " failed: " + e.getMessage(), e);
  }
}
