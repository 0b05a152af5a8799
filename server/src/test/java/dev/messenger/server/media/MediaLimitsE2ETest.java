package dev.messenger.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.MediaSettings;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node with {@code max-media-bytes} = 4 KiB: larger uploads are 413, smaller ones pass. */
class MediaLimitsE2ETest {
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(TestNode.testSettings().with(MediaSettings.MAX_MEDIA_BYTES, 4096L));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void upload_overTheLimit_withContentLength_is413() throws Exception {
    TestUser alice = node.newUser("alice");
    var res =
        MediaHttp.post(
            node,
            alice.http().token(),
            HttpRequest.BodyPublishers.ofByteArray(MediaSamples.wav(4000)),
            "audio/wav");
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(res.body()).contains("too_large");
  }

  @Test
  void upload_overTheLimit_chunked_is413() throws Exception {
    TestUser alice = node.newUser("alice");
    byte[] wav = MediaSamples.wav(4000);
    var res =
        MediaHttp.post(
            node,
            alice.http().token(),
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(wav)),
            "audio/wav");
    assertThat(res.statusCode()).isEqualTo(413);
  }

  @Test
  void upload_underTheLimit_passes() throws Exception {
    TestUser alice = node.newUser("alice");
    byte[] wav = MediaSamples.wav(1000);
    assertThat(alice.http().uploadMedia(wav, "audio/wav").size()).isEqualTo(wav.length);
    assertThat(node.dataDir().resolve("tmp")).isEmptyDirectory();
  }
}
