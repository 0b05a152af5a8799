package dev.messenger.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.ChatSocket;
import dev.messenger.client.ConversationView;
import dev.messenger.client.Json;
import dev.messenger.client.MessageView;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.OutgoingMessage;
import dev.messenger.client.ReadByView;
import dev.messenger.client.UpdateView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chat USERNAME} or {@code chat --group ID}: an interactive chat over one WebSocket.
 *
 * <p>Prints the last messages, the peers' presence, incoming messages, typing, and a message again
 * whenever it changes: ticks of the user's own, edits, deletes, reactions ({@link ChatState}).
 * Messages are numbered {@code #N} by their seq. Acks {@code delivered} for every message received
 * and {@code read} for those of this chat. Each line typed is sent (between a {@code typing start}
 * and {@code stop}), unless it is a command ({@link ChatInput}: {@code /reply}, {@code /edit},
 * {@code /delete}, {@code /react}, {@code /unreact}, {@code /pin}, {@code /unpin}, {@code
 * /forward}, {@code /readby}, {@code /help}); {@code /quit} or the end of input leaves, after
 * waiting up to 5 s for replies to what was sent. Pings every 25 s.
 *
 * <p>One thread runs the chat: frames (queued by the socket's listener), typed lines (queued by a
 * daemon reader thread) and the close are handled in the order they were queued. Not thread-safe.
 */
@Command(
    name = "chat",
    description = {
      "Chat interactively; type /help for commands, /quit to leave.",
      "Messages are numbered #N (their seq, the same for every member). In the chat:",
      "  /reply N TEXT, /edit N TEXT, /delete N, /react N EMOJI, /unreact N EMOJI,",
      "  /pin N, /unpin N, /forward N USER|CONVERSATION_ID, /readby N, //TEXT sends /TEXT."
    })
final class ChatCommand implements Callable<Integer> {
  static final int HISTORY_LINES = 20;
  static final Duration PING_EVERY = Duration.ofSeconds(25);
  static final Duration QUIT_GRACE = Duration.ofSeconds(5);

  @ParentCommand Cli cli;

  @Option(names = "--group", paramLabel = "ID", description = "Chat in this conversation.")
  String group;

  @Parameters(arity = "0..1", paramLabel = "USERNAME", description = "The user to chat with.")
  String username;

  private MessengerClient client;
  private Names names;

  private sealed interface Event {}

  private record Frame(JsonNode frame) implements Event {}

  private record Line(String text) implements Event {}

  private record EndOfInput() implements Event {}

  private record Closed(int code, String reason) implements Event {}

  @Override
  public Integer call() throws InterruptedException {
    Cli.Session s = cli.session();
    ConversationView conversation = Targets.conversation(s.client(), username, group);
    client = s.client();
    names = new Names(client).put(s.userId(), s.profile().username());
    ChatState state =
        new ChatState(s.userId(), conversation, names, cli.clock())
            .withLookup(Targets.lookup(client, conversation.id()));
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    ChatSocket socket =
        s.client()
            .connect(
                new ChatSocket.Listener() {
                  @Override
                  public void onFrame(JsonNode frame) {
                    events.add(new Frame(frame));
                  }

                  @Override
                  public void onClose(int code, String reason) {
                    events.add(new Closed(code, reason));
                  }
                });
    ScheduledExecutorService pinger =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chat-ping");
              t.setDaemon(true);
              return t;
            });
    try (socket) {
      pinger.scheduleAtFixedRate(
          socket::ping, PING_EVERY.toSeconds(), PING_EVERY.toSeconds(), TimeUnit.SECONDS);
      start(socket, state, conversation);
      readInput(events);
      return loop(socket, state, events);
    } finally {
      pinger.shutdownNow();
    }
  }

  private void start(ChatSocket socket, ChatState state, ConversationView conversation) {
    PrintWriter out = cli.out();
    String title = conversation.isGroup() ? "group " + conversation.name() : username;
    out.println("* chatting with " + title + " (" + conversation.id() + "); /quit to leave");
    JsonNode history = socket.history(conversation.id(), null, null, HISTORY_LINES);
    if ("history".equals(history.path("type").asText())) {
      print(state.messages(history.path("messages")));
    } else {
      print(state.onFrame(history));
    }
    if (state.lastSeq() > 0) {
      socket.ack(conversation.id(), state.lastSeq(), "read");
    }
    List<String> peers = state.peers();
    if (!peers.isEmpty()) {
      socket.subscribePresence(peers);
    }
  }

  private int loop(ChatSocket socket, ChatState state, BlockingQueue<Event> events)
      throws InterruptedException {
    long quitBy = Long.MAX_VALUE;
    while (true) {
      if (quitBy != Long.MAX_VALUE && !state.awaitingReplies()) {
        return 0;
      }
      long left = quitBy - System.nanoTime();
      Event e = quitBy == Long.MAX_VALUE ? events.take() : events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        return 0;
      } else if (e instanceof Frame f) {
        onFrame(socket, state, f.frame());
      } else if (e instanceof Line l) {
        ChatInput.Action a = ChatInput.parse(l.text());
        if (a instanceof ChatInput.Quit) {
          quitBy = System.nanoTime() + QUIT_GRACE.toNanos();
        } else if (quitBy == Long.MAX_VALUE) {
          act(socket, state, a);
        }
      } else if (e instanceof EndOfInput) {
        quitBy = Math.min(quitBy, System.nanoTime() + QUIT_GRACE.toNanos());
      } else if (e instanceof Closed c) {
        print(List.of("* disconnected (code " + c.code() + ")"));
        return c.code() == 1000 ? 0 : 1;
      }
    }
  }

  private void onFrame(ChatSocket socket, ChatState state, JsonNode frame) {
    print(state.onFrame(frame));
    if ("message".equals(frame.path("type").asText())) {
      String conversationId = frame.path("conversationId").asText();
      long seq = frame.path("seq").asLong();
      socket.ack(conversationId, seq, "delivered");
      if (conversationId.equals(state.conversationId())) {
        socket.ack(conversationId, seq, "read");
      }
    }
  }

  private void act(ChatSocket socket, ChatState state, ChatInput.Action a) {
    String conversationId = state.conversationId();
    if (a instanceof ChatInput.Send send) {
      String clientId = UUID.randomUUID().toString();
      String ref = "line-" + clientId;
      socket.typing(conversationId, "start");
      OutgoingMessage m = OutgoingMessage.text(conversationId, clientId, send.text());
      state.expectReply(ref, clientId, send.text(), send.replyTo(), false);
      socket.request(
          (send.replyTo() == null ? m : m.withReplyTo(send.replyTo()))
              .toJson()
              .put("ref", ref)
              .put("type", "send"));
      socket.typing(conversationId, "stop");
    } else if (a instanceof ChatInput.Change c) {
      String ref = "change-" + UUID.randomUUID();
      state.expectChange(ref, new UpdateView(PAST.get(c.type()), c.seq(), c.body(), c.emoji()));
      ObjectNode frame =
          Json.object()
              .put("type", c.type())
              .put("ref", ref)
              .put("conversationId", conversationId)
              .put("seq", c.seq());
      if (c.body() != null) {
        frame.put("body", c.body());
      }
      if (c.emoji() != null) {
        frame.put("emoji", c.emoji());
      }
      socket.request(frame);
    } else if (a instanceof ChatInput.Forward f) {
      forward(socket, state, f);
    } else if (a instanceof ChatInput.ReadBy r) {
      print(List.of(readBy(state, r.seq())));
    } else if (a instanceof ChatInput.Help) {
      print(ChatInput.HELP);
    } else if (a instanceof ChatInput.Invalid i) {
      print(List.of("! " + i.message()));
    }
  }

  /** The past tense of each change frame: the {@code action} of its update entry. */
  private static final Map<String, String> PAST =
      Map.of(
          "edit", UpdateView.EDITED,
          "delete", UpdateView.DELETED,
          "react", UpdateView.REACTED,
          "unreact", UpdateView.UNREACTED,
          "pin", UpdateView.PINNED,
          "unpin", UpdateView.UNPINNED);

  private void forward(ChatSocket socket, ChatState state, ChatInput.Forward f) {
    ConversationView to;
    try {
      to = Targets.conversation(client, f.to(), null);
    } catch (CliException | ApiException | UncheckedIOException e) {
      print(List.of("! not forwarded: " + e.getMessage()));
      return;
    }
    String clientId = UUID.randomUUID().toString();
    String ref = "forward-" + clientId;
    if (to.id().equals(state.conversationId())) {
      MessageView original = state.message(f.seq());
      String body = original == null ? "(forwarded #" + f.seq() + ")" : Render.text(original);
      state.expectReply(ref, clientId, body, null, true);
    } else {
      state.expectForward(ref, "#" + f.seq() + " to " + f.to());
    }
    socket.request(
        OutgoingMessage.forward(to.id(), clientId, state.conversationId(), f.seq())
            .toJson()
            .put("type", "send")
            .put("ref", ref));
  }

  private String readBy(ChatState state, long seq) {
    try {
      ReadByView r = client.messages().readBy(state.conversationId(), seq);
      return "* #" + seq + " delivered to " + names(r.delivered()) + "; read by " + names(r.read());
    } catch (ApiException e) {
      return "! " + e.code() + ": " + e.errorMessage();
    } catch (UncheckedIOException e) {
      return "! " + e.getMessage();
    }
  }

  private String names(List<String> userIds) {
    return userIds.isEmpty()
        ? "nobody yet"
        : String.join(", ", userIds.stream().map(names).toList());
  }

  private void readInput(BlockingQueue<Event> events) {
    BufferedReader in = cli.stdin();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  events.add(new Line(line));
                }
              } catch (IOException e) {
                // Treated as the end of input.
              }
              events.add(new EndOfInput());
            },
            "chat-input");
    reader.setDaemon(true);
    reader.start();
  }

  private void print(List<String> lines) {
    PrintWriter out = cli.out();
    lines.forEach(out::println);
    out.flush();
  }
}
