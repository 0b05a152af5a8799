package dev.messenger.server.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.Update;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Convergence (issue 12): random interleavings of sends, edits, deletes, reactions, pins and
 * reconnects by two devices of one user and a third member of a direct conversation, on a real
 * node. Afterwards every device's state, folded from what it received ({@link FoldingDevice}),
 * equals what {@code history} returns, the pinned list equals the summary's, and seqs are gap-free.
 */
class ConvergenceProperties {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final List<String> EMOJI = List.of("👍", "🎉", "❤️");
  private static final AtomicInteger IDS = new AtomicInteger();
  private static TestNode node;

  enum Kind {
    SEND,
    REPLY,
    EDIT,
    DELETE,
    REACT,
    UNREACT,
    PIN,
    UNPIN,
    RECONNECT
  }

  /** One step: device {@code actor} (0, 1: alice's two devices; 2: bob) does {@code kind}. */
  record Op(int actor, Kind kind, int pick) {}

  @BeforeContainer
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterContainer
  static void stop() {
    node.close();
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Kind> kinds =
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(6, Kind.SEND),
            net.jqwik.api.Tuple.of(1, Kind.REPLY),
            net.jqwik.api.Tuple.of(2, Kind.EDIT),
            net.jqwik.api.Tuple.of(2, Kind.DELETE),
            net.jqwik.api.Tuple.of(3, Kind.REACT),
            net.jqwik.api.Tuple.of(2, Kind.UNREACT),
            net.jqwik.api.Tuple.of(1, Kind.PIN),
            net.jqwik.api.Tuple.of(1, Kind.UNPIN),
            net.jqwik.api.Tuple.of(1, Kind.RECONNECT));
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 2), kinds, Arbitraries.integers().between(0, 99))
            .as(Op::new);
    return op.list().ofMinSize(4).ofMaxSize(30);
  }

  /** A device: who it is, what it folded, and its current socket. */
  private static final class Device {
    final TestUser user;
    final FoldingDevice fold;
    RecordingSocket socket;

    Device(TestUser user) {
      this.user = user;
      this.fold = new FoldingDevice(user.id());
    }
  }

  @Property(tries = 12, shrinking = ShrinkingMode.OFF)
  void everyDeviceConvergesToHistory(@ForAll("ops") List<Op> ops) {
    TestUser alice = node.newUser("alice");
    TestUser alice2 = node.newDevice(alice);
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    List<Device> devices = List.of(new Device(alice), new Device(alice2), new Device(bob));
    List<Long> texts = new ArrayList<>();
    try {
      devices.forEach(d -> connect(d, c));
      for (Op op : ops) {
        run(devices.get(op.actor()), op, c, texts);
      }
      long lastSeq = alice.http().conversation(c).lastSeq();
      for (Device d : devices) {
        // Live delivery brings every connected device up to lastSeq without asking.
        if (d.fold.maxSeq() < lastSeq) {
          d.socket.await(f -> covered(f) >= lastSeq, WAIT);
        }
        d.socket.close();
        d.fold.takeAll(d.socket.frames());
      }
      Map<Long, Message> history = history(alice, c);
      assertThat(history.keySet())
          .as("gap-free seqs")
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(1, lastSeq).boxed().toList());
      List<Long> pinned = new ArrayList<>();
      alice
          .http()
          .rawRequest("GET", "/api/v1/conversations/" + c, null)
          .get("pinned")
          .forEach(x -> pinned.add(x.asLong()));
      for (Device d : devices) {
        assertThat(d.fold.state()).as("state of %s", d.user.deviceId()).isEqualTo(history);
        assertThat(d.fold.pinned()).isEqualTo(pinned);
      }
    } finally {
      devices.forEach(d -> d.socket.close());
    }
  }

  /** Opens a socket, then fills the gap from the history after the newest seq the device holds. */
  private static void connect(Device d, String c) {
    d.socket = d.user.connect();
    long after = d.fold.maxSeq();
    JsonNode page;
    do {
      page = d.socket.history(c, null, after, 100);
      JsonNode ms = page.get("messages");
      if (ms.size() > 0) {
        after = ms.get(ms.size() - 1).get("seq").asLong();
      }
    } while (page.path("hasMore").asBoolean());
  }

  private static void run(Device d, Op op, String c, List<Long> texts) {
    RecordingSocket s = d.socket;
    Long target = texts.isEmpty() ? null : texts.get(op.pick() % texts.size());
    String emoji = EMOJI.get(op.pick() % EMOJI.size());
    switch (op.kind()) {
      case SEND, REPLY -> {
        String clientId = "cv-" + IDS.incrementAndGet();
        Long replyTo = op.kind() == Kind.REPLY ? target : null;
        String body = "m" + IDS.get();
        d.fold.askedToSend(clientId, body, replyTo);
        ObjectNode f = frame("send", c).put("clientId", clientId).put("body", body);
        if (replyTo != null) {
          f.put("replyTo", replyTo);
        }
        JsonNode sent = s.requestSync(f);
        if (sent.path("type").asText().equals("sent")) {
          texts.add(sent.get("seq").asLong());
        }
      }
      case RECONNECT -> {
        s.close();
        d.fold.takeAll(s.frames());
        connect(d, c);
      }
      default -> {
        if (target == null) {
          return;
        }
        Update.Action action =
            switch (op.kind()) {
              case EDIT -> Update.Action.EDITED;
              case DELETE -> Update.Action.DELETED;
              case REACT -> Update.Action.REACTED;
              case UNREACT -> Update.Action.UNREACTED;
              case PIN -> Update.Action.PINNED;
              default -> Update.Action.UNPINNED;
            };
        String ref = "r-" + IDS.incrementAndGet();
        String body = action == Update.Action.EDITED ? "edit " + ref : null;
        boolean reaction = action == Update.Action.REACTED || action == Update.Action.UNREACTED;
        d.fold.askedToChange(ref, new Update(action, target, body, reaction ? emoji : null));
        ObjectNode f = frame(frameType(action), c).put("ref", ref).put("seq", target);
        if (body != null) {
          f.put("body", body);
        }
        if (reaction) {
          f.put("emoji", emoji);
        }
        s.requestSync(f); // forbidden or conflict is a fine outcome: nothing changes
      }
    }
  }

  /** The newest seq a frame brings: a message's, a reply's, or the last of a history page. */
  private static long covered(JsonNode f) {
    JsonNode ms = f.get("messages");
    if (ms != null && ms.size() > 0) {
      return ms.get(ms.size() - 1).path("seq").asLong();
    }
    return f.path("seq").asLong();
  }

  private static String frameType(Update.Action a) {
    return switch (a) {
      case EDITED -> "edit";
      case DELETED -> "delete";
      case REACTED -> "react";
      case UNREACTED -> "unreact";
      case PINNED -> "pin";
      case UNPINNED -> "unpin";
    };
  }

  private static ObjectNode frame(String type, String c) {
    return JsonNodeFactory.instance.objectNode().put("type", type).put("conversationId", c);
  }

  private static Map<Long, Message> history(TestUser u, String c) {
    Map<Long, Message> out = new TreeMap<>();
    long after = 0;
    JsonNode page;
    do {
      page =
          u.http()
              .rawRequest(
                  "GET", "/api/v1/conversations/" + c + "/messages?limit=100&after=" + after, null);
      for (JsonNode m : page.get("messages")) {
        out.put(m.get("seq").asLong(), FoldingDevice.parse(m));
        after = m.get("seq").asLong();
      }
    } while (page.path("hasMore").asBoolean());
    return out;
  }
}
