package dev.messenger.server.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.WireTap;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The spec check itself: it is installed and on in this module's tests, it sees a real node's
 * answers and frames, and it reports what drifts from docs/openapi.json and docs/asyncapi.json.
 */
class SpecTapTest {
  private static final URI BASE = URI.create("http://127.0.0.1:1");

  @Test
  void installedOnAndFedByTheSdk() throws Exception {
    assertThat(Boolean.getBoolean("messenger.spec.check")).isTrue();
    assertThat(WireTap.installed()).anyMatch(t -> t instanceof SpecTap);
    long before = SpecTap.checked();
    try (TestNode node = TestNode.start()) {
      TestNode.TestUser a = node.newUser("spec");
      TestNode.TestUser b = node.newUser("spec");
      try (RecordingSocket ws = a.connect()) {
        ws.sendTo(b.id(), "c1", "hello").get(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    // two registrations and logins, then ready and sent on the socket
    assertThat(SpecTap.checked() - before).isGreaterThanOrEqualTo(6);
    assertThat(SpecTap.drain()).isEmpty();
  }

  @Test
  void acceptedClientFramesAreChecked_rejectedOnesAreNot() throws Exception {
    try (TestNode node = TestNode.start()) {
      TestNode.TestUser a = node.newUser("spec");
      TestNode.TestUser b = node.newUser("spec");
      try (RecordingSocket ws = a.connect()) {
        String c =
            ws.sendTo(b.id(), "c1", "hello")
                .get(10, java.util.concurrent.TimeUnit.SECONDS)
                .path("conversationId")
                .asText();
        SpecTap.drain();
        // The server ignores a field it does not know; the documents do not name it: drift.
        com.fasterxml.jackson.databind.node.ObjectNode history =
            dev.messenger.server.wire.Wire.object()
                .put("type", "history")
                .put("ref", "h1")
                .put("conversationId", c)
                .put("bogus", 1);
        assertThat(ws.requestSync(history).path("type").asText()).isEqualTo("history");
        // A frame the server refuses is a test of bad input, not a client's drift.
        com.fasterxml.jackson.databind.node.ObjectNode bad =
            dev.messenger.server.wire.Wire.object().put("type", "history").put("ref", "h2");
        assertThat(ws.requestSync(bad).path("type").asText()).isEqualTo("error");
      }
    }
    assertThat(SpecTap.drain())
        .singleElement()
        .asString()
        .startsWith("client frame history")
        .contains("bogus");
  }

  @Test
  void framesThatDriftAreReported() {
    Spec spec = new Spec();
    assertThat(
            spec.frame(
                "{\"type\":\"ready\",\"userId\":\"u\",\"deviceId\":\"d\",\"protocol\":2,"
                    + "\"serverTime\":1}"))
        .isEmpty();
    assertThat(
            spec.frame(
                "{\"type\":\"ready\",\"userId\":\"u\",\"deviceId\":\"d\",\"protocol\":\"2\","
                    + "\"serverTime\":1}"))
        .singleElement()
        .asString()
        .startsWith("frame ready")
        .contains("protocol");
    assertThat(spec.frame("{\"type\":\"ready\",\"userId\":\"u\",\"protocol\":2,\"serverTime\":1}"))
        .singleElement()
        .asString()
        .contains("deviceId");
    assertThat(
            spec.frame(
                "{\"type\":\"ready\",\"userId\":\"u\",\"deviceId\":\"d\",\"protocol\":2,"
                    + "\"serverTime\":1,\"secret\":true}"))
        .singleElement()
        .asString()
        .contains("secret");
    assertThat(spec.frame("{\"type\":\"surprise\"}"))
        .singleElement()
        .asString()
        .contains("surprise");
    assertThat(spec.frame("not json")).singleElement().asString().contains("not JSON");
    assertThat(
            spec.frame(
                "{\"type\":\"message\",\"conversationId\":\"c\",\"senderId\":\"u\",\"ts\":1,"
                    + "\"kind\":\"text\",\"body\":\"x\"}"))
        .isNotEmpty()
        .anyMatch(p -> p.contains("seq"));
  }

  @Test
  void httpThatDriftsIsReported() {
    Spec spec = new Spec();
    String user = "{\"id\":\"u1\",\"username\":\"ann\",\"displayName\":\"Ann\"}";
    assertThat(
            spec.http("GET", BASE.resolve("/api/v1/users/u1"), null, 200, "application/json", user))
        .isEmpty();
    assertThat(
            spec.http("GET", BASE.resolve("/api/v1/users/me"), null, 200, "application/json", user))
        .isEmpty();
    assertThat(
            spec.http(
                "GET",
                BASE.resolve("/api/v1/users/u1"),
                null,
                200,
                "application/json",
                "{\"id\":1}"))
        .isNotEmpty();
    String withExtra = user.replace("}", ",\"passwordHash\":\"x\"}");
    assertThat(
            spec.http(
                "GET", BASE.resolve("/api/v1/users/u1"), null, 200, "application/json", withExtra))
        .singleElement()
        .asString()
        .contains("passwordHash");
    assertThat(
            spec.http("GET", BASE.resolve("/api/v1/nowhere"), null, 200, "application/json", "{}"))
        .singleElement()
        .asString()
        .contains("no such operation");
    String error = "{\"error\":{\"code\":\"not_found\",\"message\":\"no such endpoint\"}}";
    assertThat(
            spec.http("GET", BASE.resolve("/api/v1/nowhere"), null, 404, "application/json", error))
        .isEmpty();
    assertThat(
            spec.http("GET", BASE.resolve("/api/v1/users/u1"), null, 404, "application/json", "{}"))
        .isNotEmpty();
    assertThat(spec.http("DELETE", BASE.resolve("/api/v1/contacts/u1"), null, 204, null, null))
        .isEmpty();
    assertThat(spec.http("DELETE", BASE.resolve("/api/v1/contacts/u1"), null, 202, null, null))
        .singleElement()
        .asString()
        .contains("status not documented");
  }

  @Test
  void recordedTraffic_checksHttpAndFramesBothWays() throws Exception {
    Spec spec = new Spec();
    String goodOut = "{\"kind\":\"out\",\"text\":\"{\\\"type\\\":\\\"ping\\\"}\"}";
    String badOut = "{\"kind\":\"out\",\"text\":\"{\\\"type\\\":\\\"ack\\\",\\\"seq\\\":1}\"}";
    String badIn = "{\"kind\":\"in\",\"text\":\"{\\\"type\\\":\\\"surprise\\\"}\"}";
    String http =
        "{\"kind\":\"http\",\"method\":\"DELETE\",\"uri\":\"/api/v1/contacts/u1\","
            + "\"requestBody\":null,\"status\":204,\"contentType\":null,\"body\":null}";
    assertThat(RecordedTraffic.check(spec, java.util.List.of(goodOut, http, ""))).isEmpty();
    assertThat(RecordedTraffic.check(spec, java.util.List.of(badOut, badIn)))
        .hasSize(3)
        .anyMatch(p -> p.startsWith("client frame ack") && p.contains("conversationId"))
        .anyMatch(p -> p.contains("surprise"));
  }
}
