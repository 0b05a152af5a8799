package dev.messenger.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ChatSocket;
import dev.messenger.client.ConversationView;
import dev.messenger.client.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
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
 * <p>Prints the last messages, the peers' presence, incoming messages, typing, and the user's own
 * messages again whenever their ticks change ({@link ChatState}). Acks {@code delivered} for every
 * message received and {@code read} for those of this chat. Each line typed is sent (between a
 * {@code typing start} and {@code stop}); {@code /quit} or the end of input leaves, after waiting
 * up to 5 s for replies to what was sent. Pings every 25 s.
 *
 * <p>One thread runs the chat: frames (queued by the socket's listener), typed lines (queued by a
 * daemon reader thread) and the close are handled in the order they were queued. Not thread-safe.
 */
@Command(name = "chat", description = "Chat interactively; type /quit to leave.")
final class ChatCommand implements Callable<Integer> {
  static final int HISTORY_LINES = 20;
  static final Duration PING_EVERY = Duration.ofSeconds(25);
  static final Duration QUIT_GRACE = Duration.ofSeconds(5);

  @ParentCommand Cli cli;

  @Option(names = "--group", paramLabel = "ID", description = "Chat in this conversation.")
  String group;

  @Parameters(arity = "0..1", paramLabel = "USERNAME", description = "The user to chat with.")
  String username;

  private sealed interface Event {}

  private record Frame(JsonNode frame) implements Event {}

  private record Line(String text) implements Event {}

  private record EndOfInput() implements Event {}

  private record Closed(int code, String reason) implements Event {}

  @Override
  public Integer call() throws InterruptedException {
    Cli.Session s = cli.session();
    ConversationView conversation = Targets.conversation(s.client(), username, group);
    Names names = new Names(s.client()).put(s.userId(), s.profile().username());
    ChatState state = new ChatState(s.userId(), conversation, names, cli.clock());
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
        if (l.text().strip().equals("/quit")) {
          quitBy = System.nanoTime() + QUIT_GRACE.toNanos();
        } else if (!l.text().isBlank() && quitBy == Long.MAX_VALUE) {
          send(socket, state, l.text());
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

  private void send(ChatSocket socket, ChatState state, String text) {
    String clientId = UUID.randomUUID().toString();
    String ref = "line-" + clientId;
    socket.typing(state.conversationId(), "start");
    ObjectNode frame =
        Json.object()
            .put("type", "send")
            .put("ref", ref)
            .put("clientId", clientId)
            .put("conversationId", state.conversationId())
            .put("body", text);
    state.expectReply(ref, clientId, text);
    socket.request(frame);
    socket.typing(state.conversationId(), "stop");
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
