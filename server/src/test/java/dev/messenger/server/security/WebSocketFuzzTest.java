package dev.messenger.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ChatSocket;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.security.JsonFuzz.Input;
import dev.messenger.server.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the WebSocket (PROTOCOL.md section 3, "Errors keep the connection") against one real node:
 * valid frames of every type with fields dropped, retyped, blown up or added, cut text, Unicode
 * edge cases, nesting past 32 levels, huge numbers, random text and bytes. Every answer must be a
 * known frame or a clean {@code error}; the socket must keep answering {@code ping}; a frame the
 * server rejected must leave the store as it was. Frames over 64 KiB must close with 1009.
 */
class WebSocketFuzzTest {
  private static final int SAFE_FRAME_BYTES = 60 * 1024;
  private static final int MAX_FRAME_BYTES = 64 * 1024;

  private static FuzzFixture fx;
  private static RecordingSocket socket;
  private static int barrierCount;

  @BeforeContainer
  static void start() throws Exception {
    fx = new FuzzFixture();
    socket = fx.alice.connect();
    // The barrier is an idempotent resend: it goes through the store writer and changes nothing.
    JsonNode first = socket.requestSync(barrier());
    assertThat(first.path("type").asText()).isEqualTo("sent");
  }

  @AfterContainer
  static void stop() {
    if (socket != null) {
      socket.close();
    }
    if (fx != null) {
      fx.close();
    }
  }

  private static ObjectNode frame(String type) {
    return JsonNodeFactory.instance.objectNode().put("type", type);
  }

  private static ObjectNode barrier() {
    return frame("send")
        .put("ref", "barrier-" + (++barrierCount))
        .put("clientId", "barrier")
        .put("conversationId", fx.g)
        .put("body", "barrier");
  }

  /** Valid frames of every client type, aimed at alice's own and others' conversations. */
  @Provide
  Arbitrary<Input> frames() {
    Arbitrary<String> conv = Arbitraries.of(fx.g, fx.d, fx.other, "c_nope");
    Arbitrary<String> user = Arbitraries.of(fx.bob.id(), fx.carol.id(), fx.alice.id(), "u_nope");
    Arbitrary<String> clientId =
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64);
    Arbitrary<Long> seq = Arbitraries.longs().between(1, 6);
    Arbitrary<ObjectNode> send =
        Combinators.combine(conv, clientId)
            .as(
                (c, id) ->
                    frame("send")
                        .put("ref", "f")
                        .put("clientId", id)
                        .put("conversationId", c)
                        .put("body", "hi"));
    Arbitrary<ObjectNode> sendTo =
        Combinators.combine(user, clientId)
            .as(
                (u, id) ->
                    frame("send")
                        .put("ref", "f")
                        .put("clientId", id)
                        .put("to", u)
                        .put("body", "hi"));
    Arbitrary<ObjectNode> ack =
        Combinators.combine(conv, seq, Arbitraries.of("delivered", "read"))
            .as(
                (c, s, st) ->
                    frame("ack")
                        .put("ref", "f")
                        .put("conversationId", c)
                        .put("seq", s)
                        .put("status", st));
    Arbitrary<ObjectNode> history =
        Combinators.combine(
                conv,
                seq,
                Arbitraries.integers().between(1, 200),
                Arbitraries.of("before", "after"))
            .as(
                (c, s, l, dir) ->
                    frame("history")
                        .put("ref", "f")
                        .put("conversationId", c)
                        .put(dir, s)
                        .put("limit", l));
    Arbitrary<ObjectNode> typing =
        Combinators.combine(conv, Arbitraries.of("start", "stop"))
            .as(
                (c, st) ->
                    frame("typing").put("ref", "f").put("conversationId", c).put("state", st));
    Arbitrary<ObjectNode> presence =
        Combinators.combine(
                Arbitraries.of("presence.subscribe", "presence.unsubscribe"),
                user.list().ofMaxSize(3))
            .as(
                (t, ids) -> {
                  ObjectNode f = frame(t).put("ref", "f");
                  ids.forEach(f.putArray("userIds")::add);
                  return f;
                });
    Arbitrary<ObjectNode> bare = Arbitraries.of("sync", "ping").map(t -> frame(t).put("ref", "f"));
    return JsonFuzz.mutated(Arbitraries.oneOf(send, sendTo, ack, history, typing, presence, bare));
  }

  @Property(tries = 200, shrinking = ShrinkingMode.OFF)
  void anyFrame_getsCleanAnswer_keepsConnection_andRejectedOnesChangeNothing(
      @ForAll("frames") Input input) {
    Assume.that(JsonFuzz.utf8Length(input.text()) < SAFE_FRAME_BYTES);
    JsonNode before = fx.snapshot();
    int mark = socket.frames().size();
    socket.sendRaw(input.text());
    JsonNode done;
    try {
      done = socket.requestSync(barrier());
      assertThat(socket.requestSync(frame("ping")).path("type").asText()).isEqualTo("pong");
    } catch (IllegalStateException e) {
      RecordingSocket dropped = socket;
      socket = fx.alice.connect();
      throw new AssertionError(
          "the connection was dropped (close " + dropped.closeCode().getNow(null) + ") by " + input,
          e);
    }
    assertThat(done.path("type").asText()).as("barrier after %s", input).isEqualTo("sent");
    List<JsonNode> answers = socket.frames().subList(mark, socket.frames().size());
    boolean accepted = false;
    String outcome = "silent";
    for (JsonNode f : answers) {
      String type = f.path("type").asText();
      String ref = f.path("ref").asText("");
      if (ref.startsWith("barrier-") || type.equals("pong") && !ref.equals("f")) {
        continue;
      }
      assertThat(f.isObject()).as("answer to %s is a JSON object: %s", input, f).isTrue();
      assertThat(type)
          .as("answer to %s", input)
          .isIn(
              "error",
              "sent",
              "history",
              "synced",
              "pong",
              "presence",
              "receipt",
              "typing",
              "message");
      if (type.equals("error")) {
        ErrorShapes.assertCleanErrorFrame(f, input);
        outcome = "error " + f.path("code").asText();
      } else {
        outcome = type;
      }
      if (type.equals("sent") || type.equals("receipt")) {
        accepted = true;
      }
    }
    Statistics.label("outcome").collect(outcome);
    if (!accepted) {
      assertThat(fx.snapshot()).as("stored state after rejected %s", input).isEqualTo(before);
    }
  }

  @Property(tries = 40)
  void nesting_upTo32LevelsIsParsed_deeperIsBadRequest_andTheSocketStays(
      @ForAll @IntRange(min = 1, max = 70) int depth, @ForAll boolean arrays) {
    assertNestingAnswer(depth, arrays);
  }

  @Example
  void nesting_boundaryIs32Levels() {
    assertNestingAnswer(32, true);
    assertNestingAnswer(33, true);
    assertNestingAnswer(32, false);
    assertNestingAnswer(33, false);
  }

  /** A ping {@code depth} levels deep in all: pong up to 32, a bad_request error beyond. */
  private static void assertNestingAnswer(int depth, boolean arrays) {
    // The frame object itself is level 1; "x" adds the other depth - 1 levels.
    ObjectNode f = frame("ping").put("ref", "deep-" + depth);
    if (depth > 1) {
      f.set("x", JsonFuzz.nested(depth - 1, arrays));
    }
    int mark = socket.frames().size();
    socket.sendRaw(JsonFuzz.render(f));
    // Too deep to parse means the ref cannot be read either: look at what came before the pong.
    socket.requestSync(frame("ping").put("ref", "after-deep"));
    List<JsonNode> answers = socket.frames().subList(mark, socket.frames().size());
    JsonNode first = answers.get(0);
    if (depth <= 32) {
      assertThat(first.path("type").asText()).as("depth %d: %s", depth, first).isEqualTo("pong");
      assertThat(first.path("ref").asText()).isEqualTo("deep-" + depth);
    } else {
      assertThat(first.path("type").asText()).as("depth %d: %s", depth, first).isEqualTo("error");
      assertThat(first.path("code").asText()).isEqualTo("bad_request");
      ErrorShapes.assertCleanErrorFrame(first, "depth " + depth);
    }
  }

  @Property(tries = 4)
  void framesOver64KiB_closeWith1009(
      @ForAll @IntRange(min = MAX_FRAME_BYTES + 1, max = 100 * 1024) int size,
      @ForAll boolean validJson)
      throws Exception {
    String text =
        validJson
            ? "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(size - 24) + "\"}"
            : "z".repeat(size);
    try (RecordingSocket s = fx.alice.connect()) {
      s.sendRaw(text);
      assertThat(s.closeCode().get(10, TimeUnit.SECONDS)).as("%d bytes", size).isEqualTo(1009);
    }
    assertThat(socket.requestSync(frame("ping")).path("type").asText()).isEqualTo("pong");
  }

  @Example
  void frameOfExactly64KiB_isStillHandled() {
    String head = "{\"type\":\"ping\",\"ref\":\"edge\",\"pad\":\"";
    String text = head + "x".repeat(MAX_FRAME_BYTES - head.length() - 2) + "\"}";
    assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_FRAME_BYTES);
    try (RecordingSocket s = fx.alice.connect()) {
      s.sendRaw(text);
      JsonNode pong = s.await(f -> "edge".equals(f.path("ref").asText()), ChatSocket.SYNC_TIMEOUT);
      assertThat(pong.path("type").asText()).isEqualTo("pong");
    }
  }

  /** Binary frames, text frames that are not UTF-8, and fragmented messages, on a raw socket. */
  @Property(tries = 30)
  void rawFrames_binaryBadUtf8Fragments_neverDropAHealthyConnection(
      @ForAll("rawPayloads") byte[] payload, @ForAll("rawKinds") String kind) throws Exception {
    Assume.that(!(kind.equals("fragments") && payload.length == 0));
    RawWebSocket.Upgrade up =
        RawWebSocket.open(
            fx.node.uri(), "/ws", Map.of("Authorization", "Bearer " + fx.alice.http().token()));
    assertThat(up.status()).isEqualTo(101);
    try (RawWebSocket ws = up.socket()) {
      assertThat(ws.readUntil("\"ready\"", 10_000, f -> {}).text()).contains("ready");
      switch (kind) {
        case "binary" -> ws.send(RawWebSocket.BINARY, payload, true);
        case "text" -> ws.send(RawWebSocket.TEXT, payload, true);
        default -> {
          // The same bytes as a text message in three fragments.
          // The first fragment is never empty here: see emptyFirstFragment_isAnsweredNotWedged.
          int a = Math.min(payload.length, Math.max(1, payload.length / 3));
          int b = Math.max(a, 2 * payload.length / 3);
          ws.send(RawWebSocket.TEXT, java.util.Arrays.copyOfRange(payload, 0, a), false);
          ws.send(RawWebSocket.CONTINUATION, java.util.Arrays.copyOfRange(payload, a, b), false);
          ws.send(
              RawWebSocket.CONTINUATION,
              java.util.Arrays.copyOfRange(payload, b, payload.length),
              true);
        }
      }
      ws.sendText("{\"type\":\"ping\",\"ref\":\"after-raw\"}");
      List<JsonNode> before = new java.util.ArrayList<>();
      RawWebSocket.Frame f =
          ws.readUntil(
              "after-raw",
              10_000,
              x -> {
                if (x.opcode() == RawWebSocket.TEXT) {
                  before.add(parse(x.text()));
                }
              });
      assertThat(f).as("an answer after %s of %d bytes", kind, payload.length).isNotNull();
      boolean validUtf8 = isUtf8(payload);
      if (f.opcode() == RawWebSocket.CLOSE) {
        // RFC 6455 8.1: a text message that is not UTF-8 fails the connection with 1007.
        assertThat(validUtf8 || kind.equals("binary"))
            .as("%s of %d bytes closed the socket with %d", kind, payload.length, f.closeCode())
            .isFalse();
        assertThat(f.closeCode()).isEqualTo(1007);
        Statistics.label("raw").collect(kind + " close " + f.closeCode());
      } else {
        assertThat(f.text()).contains("pong");
        for (JsonNode e : before) {
          if (e.path("type").asText().equals("error")) {
            ErrorShapes.assertCleanErrorFrame(e, kind);
          }
        }
        Statistics.label("raw").collect(kind + " kept");
      }
    }
  }

  @Provide
  Arbitrary<byte[]> rawPayloads() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
        JsonFuzz.garbage().map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.of(
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<String> rawKinds() {
    return Arbitraries.of("binary", "text", "fragments");
  }

  /** Upgrades with broken credentials are refused with 401, never accepted or crashed. */
  @Property(tries = 40)
  void upgradeWithBadCredentials_isRefusedWith401(@ForAll("badCredentials") List<String> how)
      throws Exception {
    String header = how.get(0);
    String query = how.get(1);
    Map<String, String> headers = header.isEmpty() ? Map.of() : Map.of("Authorization", header);
    RawWebSocket.Upgrade up = RawWebSocket.open(fx.node.uri(), "/ws" + query, headers);
    if (up.socket() != null) {
      up.socket().close();
    }
    if (malformedEscape(query)) {
      // Not a valid request-URI (RFC 3986): Vert.x refuses it with 400 before any handler runs.
      assertThat(up.status())
          .as("upgrade with Authorization=%s query=%s", header, query)
          .isIn(400, 401);
    } else {
      assertThat(up.status())
          .as("upgrade with Authorization=%s query=%s", header, query)
          .isEqualTo(401);
    }
    Statistics.label("status").collect(up.status());
  }

  @Provide
  Arbitrary<List<String>> badCredentials() {
    Arbitrary<String> headers =
        Arbitraries.of(
            "",
            "Bearer",
            "Bearer ",
            "Bearer nope",
            "Basic YWxpY2U6cGFzc3dvcmQ=",
            "Bearer " + "A".repeat(600),
            "Bearer " + fx.alice.http().token() + "x",
            "Bearer x" + fx.alice.http().token(),
            "Bearer \u00ff\u00fe",
            "Token " + fx.alice.http().token());
    Arbitrary<String> queries =
        Arbitraries.of(
            "",
            "?",
            "?access_token=",
            "?access_token",
            "?access_token=nope",
            "?access_token=%zz",
            "?access_token=%",
            "?access_token=%00",
            "?access_token=" + "B".repeat(3000),
            "?access_token=" + fx.alice.http().token() + "%00",
            "?access_token=a&access_token=b",
            "?%zz=1");
    return Combinators.combine(headers, queries).as(List::of);
  }

  /** True if {@code s} has a {@code %} not followed by two hex digits. */
  static boolean malformedEscape(String s) {
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      if (i + 2 >= s.length()
          || Character.digit(s.charAt(i + 1), 16) < 0
          || Character.digit(s.charAt(i + 2), 16) < 0) {
        return true;
      }
    }
    return false;
  }

  @Example
  void emptyFirstFragment_isAnsweredNotWedged() throws Exception {
    for (int opcode : new int[] {RawWebSocket.TEXT, RawWebSocket.BINARY}) {
      RawWebSocket.Upgrade up =
          RawWebSocket.open(
              fx.node.uri(), "/ws", Map.of("Authorization", "Bearer " + fx.alice.http().token()));
      try (RawWebSocket ws = up.socket()) {
        ws.readUntil("\"ready\"", 10_000, f -> {});
        ws.send(opcode, new byte[0], false);
        ws.send(
            RawWebSocket.CONTINUATION,
            "{\"type\":\"ping\",\"ref\":\"frag\"}".getBytes(StandardCharsets.UTF_8),
            true);
        ws.sendText("{\"type\":\"ping\",\"ref\":\"after-frag\"}");
        RawWebSocket.Frame f = ws.readUntil("after-frag", 10_000, x -> {});
        assertThat(f).as("an answer after an empty first fragment (opcode %d)", opcode).isNotNull();
      }
    }
  }

  private static JsonNode parse(String text) {
    try {
      return Wire.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("the server sent text that is not JSON: " + text, e);
    }
  }

  private static boolean isUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }
}
