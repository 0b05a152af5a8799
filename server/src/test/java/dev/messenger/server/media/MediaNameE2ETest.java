package dev.messenger.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.Json;
import dev.messenger.client.MediaView;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * File names of uploads (PROTOCOL.md "Media", {@code ?name=}): kept, carried by messages, sent in
 * {@code Content-Disposition}; bad names refused and never stored.
 */
class MediaNameE2ETest {
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static HttpResponse<String> upload(TestUser u, byte[] bytes, String rawQuery)
      throws Exception {
    return MediaHttp.postTo(
        node,
        u.http().token(),
        "/api/v1/media" + rawQuery,
        HttpRequest.BodyPublishers.ofByteArray(bytes),
        "application/octet-stream");
  }

  @Test
  void name_isKept_carriedByTheMessage_andSentAsContentDisposition() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String name = "Itinéraire – été 2026 (final).pdf";
    MediaView pdf = alice.http().uploadMedia(MediaSamples.pdf(), "application/pdf", name);
    assertThat(pdf.name()).isEqualTo(name);
    String c = alice.http().openDirect(bob.id()).id();
    alice.http().postMessage(c, "f-1", "the plan", List.of(pdf.id()));

    HttpResponse<byte[]> hist =
        MediaHttp.get(node, bob.http().token(), "/api/v1/conversations/" + c + "/messages", b -> b);
    JsonNode att =
        Json.parse(new String(hist.body(), StandardCharsets.UTF_8))
            .get("messages")
            .get(0)
            .get("attachments")
            .get(0);
    assertThat(att.get("name").asText()).isEqualTo(name);

    HttpResponse<byte[]> got =
        MediaHttp.get(node, bob.http().token(), "/api/v1/media/" + pdf.id(), b -> b);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.headers().firstValue("Content-Disposition"))
        .hasValue(
            "attachment; filename=\"Itin_raire _ _t_ 2026 (final).pdf\"; filename*=UTF-8''"
                + "Itin%C3%A9raire%20%E2%80%93%20%C3%A9t%C3%A9%202026%20%28final%29.pdf");
  }

  @Test
  void pictures_areInline_andNamelessFilesAreNamedAfterTheirId() throws Exception {
    TestUser alice = node.newUser("alice");
    MediaView png = alice.http().uploadMedia(MediaSamples.png(9, 9), "image/png", "cat.png");
    HttpResponse<byte[]> got =
        MediaHttp.get(node, alice.http().token(), "/api/v1/media/" + png.id(), b -> b);
    assertThat(got.headers().firstValue("Content-Disposition"))
        .hasValue("inline; filename=\"cat.png\"; filename*=UTF-8''cat.png");
    HttpResponse<byte[]> thumb =
        MediaHttp.get(node, alice.http().token(), "/api/v1/media/" + png.id() + "?thumb=1", b -> b);
    assertThat(thumb.headers().firstValue("Content-Disposition")).isEmpty();

    MediaView pdf = alice.http().uploadMedia(MediaSamples.pdf(), "application/pdf");
    assertThat(pdf.name()).isNull();
    HttpResponse<byte[]> file =
        MediaHttp.get(node, alice.http().token(), "/api/v1/media/" + pdf.id(), b -> b);
    assertThat(file.headers().firstValue("Content-Disposition"))
        .hasValue(
            "attachment; filename=\"" + pdf.id() + ".pdf\"; filename*=UTF-8''" + pdf.id() + ".pdf");
  }

  @Test
  void badNames_are400_andNothingIsStored() throws Exception {
    TestUser alice = node.newUser("alice");
    byte[] png = MediaSamples.png(11, 7);
    List<String> bad =
        List.of(
            "../../etc/passwd",
            "a\\b.png",
            "photo\u202Egnp.exe",
            "bell\u0007.png",
            "..",
            "x".repeat(256) + ".png");
    for (String name : bad) {
      HttpResponse<String> r =
          upload(alice, png, "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(name).isEqualTo(400);
      assertThat(Json.parse(r.body()).get("error").get("code").asText()).isEqualTo("bad_request");
    }
    // Nothing was stored: the first accepted upload of these bytes creates the record.
    MediaView ok = alice.http().uploadMedia(png, "image/png", "  ok.png ");
    assertThat(ok.name()).isEqualTo("ok.png");
    // The same bytes again keep the first name.
    assertThat(alice.http().uploadMedia(png, "image/png", "other.png").name()).isEqualTo("ok.png");
    // An empty name is no name.
    HttpResponse<String> empty = upload(alice, MediaSamples.png(3, 5), "?name=");
    assertThat(empty.statusCode()).isEqualTo(201);
    assertThat(Json.parse(empty.body()).get("name").isNull()).isTrue();
  }
}
