package dev.messenger.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.MediaView;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node with {@code media-store=s3} against s3proxy on loopback: the same API, bytes in S3. */
class MediaS3E2ETest {
  private static S3ProxyServer s3;
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start();
    node = TestNode.start(TestNode.testSettings().with(s3.nodeSettings("node-media")));
  }

  @AfterAll
  static void stop() {
    node.close();
    s3.close();
  }

  @Test
  void upload_download_range_andThumbnail_overS3() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    byte[] mp4 = MediaSamples.mp4(200_000);
    MediaView video = alice.http().uploadMedia(mp4, "video/mp4");
    MediaView pic = alice.http().uploadMedia(MediaSamples.png(700, 700), "image/png");
    String c = alice.http().openDirect(bob.id()).id();
    alice.http().postMessage(c, "s3", "", List.of(video.id(), pic.id()));

    assertThat(bob.http().downloadMedia(video.id(), false)).isEqualTo(mp4);
    var part =
        MediaHttp.get(
            node,
            bob.http().token(),
            "/api/v1/media/" + video.id(),
            b -> b.header("Range", "bytes=150000-150099"));
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(mp4, 150000, 150100));
    byte[] thumb = bob.http().downloadMedia(pic.id(), true);
    assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumb)).getWidth())
        .isEqualTo(320);
    // Nothing under data-dir: the bytes live in the bucket.
    assertThat(node.dataDir().resolve("media")).doesNotExist();
  }
}
