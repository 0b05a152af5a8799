package dev.messenger.server.media;

import dev.messenger.core.contract.MediaStoreContract;
import dev.messenger.core.media.MediaStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link MediaStoreContract} on {@link S3MediaStore} against a real S3 server on loopback
 * (s3proxy in-process); each test gets a bucket of its own, created by the store.
 */
class MediaStoreS3Test extends MediaStoreContract {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3ProxyServer s3;
  private S3MediaStore opened;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.start();
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @Override
  protected MediaStore newStore() throws Exception {
    opened = S3MediaStore.open(s3.settings("media-" + BUCKETS.incrementAndGet()));
    return opened;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }
}
