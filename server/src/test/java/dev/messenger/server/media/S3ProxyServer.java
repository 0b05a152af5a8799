package dev.messenger.server.media;

import dev.messenger.server.settings.MediaSettings;
import dev.messenger.server.settings.MediaStoreKind;
import dev.messenger.server.settings.Secret;
import dev.messenger.server.settings.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server on loopback for tests: s3proxy in-process over jclouds' filesystem blobstore in
 * a temp directory, AWS v2/v4 signatures with a fixed key pair, on a free port.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access";
  public static final String SECRET_KEY = "test-secret-key";

  private final S3Proxy proxy;
  private final BlobStoreContext context;

  private S3ProxyServer(S3Proxy proxy, BlobStoreContext context) {
    this.proxy = proxy;
    this.context = context;
  }

  /** Starts a server; returns once it listens. */
  public static S3ProxyServer start() throws Exception {
    Path dir = Files.createTempDirectory("s3proxy");
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dir.toString());
    BlobStoreContext context =
        ContextBuilder.newBuilder("filesystem")
            .credentials("identity", "credential")
            .overrides(props)
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    return new S3ProxyServer(proxy, context);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The settings that point a node at this server, with the given bucket. */
  public Consumer<Settings.Builder> nodeSettings(String bucket) {
    return b ->
        b.set(MediaSettings.STORE, MediaStoreKind.S3)
            .set(MediaSettings.S3_ENDPOINT, endpoint())
            .set(MediaSettings.S3_BUCKET, bucket)
            .set(MediaSettings.S3_ACCESS_KEY, Secret.of(ACCESS_KEY))
            .set(MediaSettings.S3_SECRET_KEY, Secret.of(SECRET_KEY))
            .set(MediaSettings.S3_REGION, "us-east-1");
  }

  /** Media settings that point at this server, with the given bucket. */
  public MediaSettings settings(String bucket) {
    return Settings.defaults().with(nodeSettings(bucket)).media();
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop s3proxy", e);
    } finally {
      context.close();
    }
  }
}
