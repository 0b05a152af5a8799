package dev.messenger.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.Json;
import dev.messenger.client.MediaView;
import dev.messenger.client.MessageView;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Media end to end on a real node (PROTOCOL.md "Media"): upload, access, messages, ranges. */
class MediaE2ETest {
  private static final Duration T = Duration.ofSeconds(10);
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void upload_eachAllowedType_roundTripsWithItsDetectedType() throws Exception {
    TestUser alice = node.newUser("alice");
    Map<String, byte[]> samples =
        Map.of(
            "image/png", MediaSamples.png(40, 30),
            "image/jpeg", MediaSamples.jpeg(40, 30),
            "application/pdf", MediaSamples.pdf(),
            "audio/wav", MediaSamples.wav(400),
            "video/mp4", MediaSamples.mp4(300),
            "audio/ogg", MediaSamples.oggVorbis(),
            "audio/mpeg", MediaSamples.mp3());
    for (var e : samples.entrySet()) {
      // The declared type is deliberately generic: the server reads the bytes.
      MediaView m = alice.http().uploadMedia(e.getValue(), "application/octet-stream");
      assertThat(m.mime()).as(e.getKey()).isEqualTo(e.getKey());
      assertThat(m.size()).isEqualTo(e.getValue().length);
      assertThat(m.sha256()).isEqualTo(sha256(e.getValue()));

      HttpResponse<byte[]> got =
          MediaHttp.get(node, alice.http().token(), "/api/v1/media/" + m.id(), b -> b);
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(got.headers().firstValue("Content-Type")).hasValue(e.getKey());
      assertThat(got.body()).isEqualTo(e.getValue());
    }
  }

  @Test
  void upload_sameBytes_storedOnce_sameIdForTheSameUser() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    byte[] png = MediaSamples.png(33, 17);

    MediaView first = alice.http().uploadMedia(png, "image/png");
    MediaView again = alice.http().uploadMedia(png, "image/png");
    MediaView bobs = bob.http().uploadMedia(png, "image/png");

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(bobs.id()).isNotEqualTo(first.id());
    assertThat(bobs.sha256()).isEqualTo(first.sha256());
    var stored = node.dataDir().resolve("media").resolve(first.sha256().substring(0, 2));
    try (Stream<java.nio.file.Path> files = Files.list(stored)) {
      assertThat(files.filter(p -> p.getFileName().toString().equals(first.sha256()))).hasSize(1);
    }
    assertThat(bob.http().downloadMedia(bobs.id(), false)).isEqualTo(png);
  }

  @Test
  void upload_notAMediaType_is400() {
    TestUser alice = node.newUser("alice");
    assertThatThrownBy(() -> alice.http().uploadMedia(MediaSamples.text(), "image/png"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> alice.http().uploadMedia(MediaSamples.exe(), "video/mp4"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    assertThatThrownBy(() -> alice.http().uploadMedia(new byte[0], "image/png"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void upload_withoutToken_is401() throws Exception {
    var res =
        MediaHttp.post(
            node, null, HttpRequest.BodyPublishers.ofByteArray(MediaSamples.pdf()), "image/png");
    assertThat(res.statusCode()).isEqualTo(401);
  }

  @Test
  void download_byNonMember_is404_byRecipient_is200() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser eve = node.newUser("eve");
    byte[] pdf = MediaSamples.pdf();
    MediaView m = alice.http().uploadMedia(pdf, "application/pdf");

    assertThat(get(eve, m.id()).statusCode()).isEqualTo(404);
    assertThat(get(bob, m.id()).statusCode()).isEqualTo(404);
    assertThat(get(eve, "md_nosuchmedia00000").statusCode()).isEqualTo(404);

    String c = alice.http().openDirect(bob.id()).id();
    alice.http().postMessage(c, "with-pdf", "", List.of(m.id()));

    assertThat(get(bob, m.id()).statusCode()).isEqualTo(200);
    assertThat(get(eve, m.id()).statusCode()).isEqualTo(404);
    // Eve cannot attach what she cannot read.
    String ce = eve.http().openDirect(alice.id()).id();
    assertThatThrownBy(() -> eve.http().postMessage(ce, "steal", "", List.of(m.id())))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void download_groupMemberAddedLater_doesNotSeeEarlierMedia() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser carol = node.newUser("carol");
    MediaView m = alice.http().uploadMedia(MediaSamples.png(8, 8), "image/png");
    String g = alice.http().createGroup("pics", List.of(bob.id())).id();
    alice.http().postMessage(g, "pic", "look", List.of(m.id()));
    alice.http().addMember(g, carol.id());

    assertThat(get(bob, m.id()).statusCode()).isEqualTo(200);
    assertThat(get(carol, m.id()).statusCode()).isEqualTo(404);
  }

  @Test
  void send_attachmentsWithoutText_reachesMembersAsMediaObjects() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    byte[] wav = MediaSamples.wav(800);
    MediaView m = alice.http().uploadMedia(wav, "audio/wav");
    try (RecordingSocket a = alice.connect();
        RecordingSocket b = bob.connect()) {
      var frame = Json.object().put("type", "send").put("to", bob.id()).put("clientId", "v-1");
      frame.putArray("attachments").add(m.id());
      JsonNode sent = a.requestSync(frame);
      assertThat(sent.get("type").asText()).isEqualTo("sent");

      JsonNode msg = b.awaitType("message", T);
      assertThat(msg.get("body").asText()).isEmpty();
      JsonNode att = msg.get("attachments").get(0);
      assertThat(att.get("id").asText()).isEqualTo(m.id());
      assertThat(att.get("mime").asText()).isEqualTo("audio/wav");
      assertThat(att.get("size").asLong()).isEqualTo(wav.length);
      assertThat(att.get("sha256").asText()).isEqualTo(m.sha256());

      String c = sent.get("conversationId").asText();
      MessageView stored = bob.http().history(c, null, null, null).messages().get(0);
      assertThat(stored.attachments()).containsExactly(m.id());
      assertThat(bob.http().downloadMedia(m.id(), false)).isEqualTo(wav);

      var empty = Json.object().put("type", "send").put("to", bob.id()).put("clientId", "v-2");
      assertThat(a.requestSync(empty).get("code").asText()).isEqualTo("bad_request");
    }
  }

  @Test
  void range_partialContent_suffix_andUnsatisfiable() throws Exception {
    TestUser alice = node.newUser("alice");
    byte[] mp4 = MediaSamples.mp4(100_000);
    MediaView m = alice.http().uploadMedia(mp4, "video/mp4");
    String path = "/api/v1/media/" + m.id();
    String token = alice.http().token();

    var part = MediaHttp.get(node, token, path, b -> b.header("Range", "bytes=100-1099"));
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + mp4.length);
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(mp4, 100, 1100));

    var open = MediaHttp.get(node, token, path, b -> b.header("Range", "bytes=99990-"));
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.body()).isEqualTo(java.util.Arrays.copyOfRange(mp4, 99990, mp4.length));

    var suffix = MediaHttp.get(node, token, path, b -> b.header("Range", "bytes=-10"));
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body())
        .isEqualTo(java.util.Arrays.copyOfRange(mp4, mp4.length - 10, mp4.length));

    var bad = MediaHttp.get(node, token, path, b -> b.header("Range", "bytes=999999999-"));
    assertThat(bad.statusCode()).isEqualTo(416);
    assertThat(bad.headers().firstValue("Content-Range")).hasValue("bytes */" + mp4.length);

    var whole = MediaHttp.get(node, token, path, b -> b);
    assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(whole.body()).hasSize(mp4.length);
  }

  @Test
  void thumbnail_isAtMost320px_madeOnce_andSmallImagesAreTheirOwn() throws Exception {
    TestUser alice = node.newUser("alice");
    MediaView big = alice.http().uploadMedia(MediaSamples.png(1000, 600), "image/png");
    MediaView photo = alice.http().uploadMedia(MediaSamples.jpeg(640, 960), "image/jpeg");
    byte[] smallPng = MediaSamples.png(50, 40);
    MediaView small = alice.http().uploadMedia(smallPng, "image/png");

    var t =
        MediaHttp.get(node, alice.http().token(), "/api/v1/media/" + big.id() + "?thumb=1", b -> b);
    assertThat(t.statusCode()).isEqualTo(200);
    assertThat(t.headers().firstValue("Content-Type")).hasValue("image/png");
    var img = javax.imageio.ImageIO.read(new ByteArrayInputStream(t.body()));
    assertThat(img.getWidth()).isEqualTo(320);
    assertThat(img.getHeight()).isEqualTo(192);
    var cached = node.dataDir().resolve("thumbs").resolve(big.sha256().substring(0, 2));
    assertThat(cached.resolve(big.sha256())).exists();
    long madeAt = Files.getLastModifiedTime(cached.resolve(big.sha256())).toMillis();
    assertThat(alice.http().downloadMedia(big.id(), true)).isEqualTo(t.body());
    assertThat(Files.getLastModifiedTime(cached.resolve(big.sha256())).toMillis())
        .isEqualTo(madeAt);

    byte[] jt = alice.http().downloadMedia(photo.id(), true);
    var jimg = javax.imageio.ImageIO.read(new ByteArrayInputStream(jt));
    assertThat(jimg.getHeight()).isEqualTo(320);
    assertThat(jimg.getWidth()).isEqualTo(213);
    assertThat(jt[0] & 0xff).isEqualTo(0xFF);
    assertThat(jt[1] & 0xff).isEqualTo(0xD8);

    assertThat(alice.http().downloadMedia(small.id(), true)).isEqualTo(smallPng);
    MediaView pdf = alice.http().uploadMedia(MediaSamples.pdf(), "application/pdf");
    assertThatThrownBy(() -> alice.http().downloadMedia(pdf.id(), true))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  private static HttpResponse<byte[]> get(TestUser u, String id) throws Exception {
    return MediaHttp.get(node, u.http().token(), "/api/v1/media/" + id, b -> b);
  }
}
