package dev.messenger.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.ChatSocket;
import dev.messenger.client.ConversationView;
import dev.messenger.client.Json;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.OutgoingMessage;
import dev.messenger.client.ServerFrame;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
 * <p>Prints the last messages, the peers' presence, incoming messages, typing, a message again
 * whenever it changes (edits, deletes, reactions) and the changes of the ticks of the user's own
 * messages as short lines ({@link ChatState}). Messages are numbered {@code #N} by their seq. Acks
 * {@code delivered} for every message received and {@code read} for those of this chat. Each line
 * typed is sent, unless it is a command ({@link ChatInput}: {@code /reply}, {@code /edit}, {@code
 * /delete}, {@code /react}, {@code /unreact}, {@code /pin}, {@code /unpin}, {@code /forward},
 * {@code /readby}, {@code /help}); {@code /quit} or the end of input leaves, after waiting up to 5
 * s for replies to what was sent. Pings every 25 s.
 *
 * <p><b>Typing.</b> In a terminal keys are read as typed ({@link ChatTerminal}): {@code typing
 * start} goes out with the first key and again every 3 s of typing, {@code stop} after 5 s without
 * a key or when the line is sent. Otherwise (a pipe) typing cannot be seen: {@code start} and
 * {@code stop} surround each line sent.
 *
 * <p><b>Reconnecting.</b> When the socket closes (server restart, network), the chat says {@code
 * reconnecting…}, tries again with backoff ({@link ChatLink}), says {@code reconnected}, fetches
 * what it missed with {@code history after} the last seq shown (the gap fill of PROTOCOL.md section
 * 3) and sends again the requests not yet answered (the same {@code clientId}, stored once). Lines
 * typed meanwhile wait in that outbox. Close codes 4001, 4003 and 4008 end the chat (exit 1).
 *
 * <p><b>Removal.</b> When the user leaves or is removed from the group (a system message, or a
 * {@code forbidden} answer confirmed over HTTP), the chat says so and ends (exit 0).
 *
 * <p>One thread runs the chat: frames (queued by the socket's listener), typed lines and keys
 * (queued by a daemon reader thread), timers and closes are handled in the order they were queued.
 * The queue holds {@link #MAX_EVENTS}; when full, the producers wait (backpressure onto the
 * socket). Not thread-safe.
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
  static final Duration TYPING_EVERY = Duration.ofSeconds(3);
  static final Duration TYPING_IDLE = Duration.ofSeconds(5);
  static final int CATCH_UP_PAGE = 100;
  static final int MAX_EVENTS = 10_000;

  /** Close codes after which the chat does not reconnect: token revoked, suspended, flooding. */
  static final Set<Integer> FINAL_CLOSE_CODES = Set.of(4001, 4003, 4008);

  @ParentCommand Cli cli;

  @Option(names = "--group", paramLabel = "ID", description = "Chat in this conversation.")
  String group;

  @Parameters(arity = "0..1", paramLabel = "USERNAME", description = "The user to chat with.")
  String username;

  private MessengerClient client;
  private Names names;
  private ChatLink link;
  private ChatTerminal terminal;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>(MAX_EVENTS);
  private ScheduledExecutorService timers;
  private long typingSentAt = Long.MIN_VALUE; // nanoTime of the last typing start, keys mode
  private long lastKeyAt;
  private boolean retryScheduled;

  /** Time to send {@code ping}. */
  private record PingDue() {}

  /** Time to check whether the user stopped typing. */
  private record TypingCheck() {}

  /** Time to try to connect again. */
  private record Retry() {}

  @Override
  public Integer call() throws InterruptedException {
    Cli.Session s = cli.session();
    ConversationView conversation = Targets.conversation(s.client(), username, group);
    client = s.client();
    names = new Names(client).put(s.userId(), s.profile().username());
    ChatState state =
        new ChatState(s.userId(), conversation, names, cli.clock())
            .withLookup(Targets.lookup(client, conversation.id()));
    terminal = new ChatTerminal(cli.out(), cli.keys());
    link = new ChatLink(client, this::post);
    link.connect();
    timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chat-timers");
              t.setDaemon(true);
              return t;
            });
    Runnable restore = cli.ownsTerminal() ? ChatTerminal.rawMode() : () -> {};
    try (ChatLink closing = link) {
      timers.scheduleAtFixedRate(
          () -> post(new PingDue()),
          PING_EVERY.toMillis(),
          PING_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
      timers.scheduleAtFixedRate(() -> post(new TypingCheck()), 1, 1, TimeUnit.SECONDS);
      String title = conversation.isGroup() ? "group " + conversation.name() : username;
      print(List.of("* chatting with " + title + " (" + conversation.id() + "); /quit to leave"));
      if (!catchUp(state, HISTORY_LINES)) {
        return 0;
      }
      terminal.start(cli.stdin(), this::post);
      return loop(state);
    } finally {
      timers.shutdownNow();
      terminal.finish();
      restore.run();
    }
  }

  /** Queues an event for the chat's thread; waits while the queue is full (backpressure). */
  private void post(Object event) {
    try {
      events.put(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Prints the newest messages (first connect: the last {@code newest}; after a reconnect: every
   * message after the last one shown, page by page), acks them read and subscribes to presence.
   *
   * @return false when the user is no longer a member (the chat ends)
   */
  private boolean catchUp(ChatState state, int newest) {
    ChatSocket socket = link.socket();
    while (true) {
      long after = state.lastSeq();
      ServerFrame page =
          after == 0
              ? socket.typed().history(state.conversationId(), null, null, newest)
              : socket.typed().history(state.conversationId(), null, after, CATCH_UP_PAGE);
      if (!(page instanceof ServerFrame.History history)) {
        print(state.onFrame(page));
        return !leftTheChat(state, page);
      }
      print(state.messages(history.messages()));
      if (state.removed()) {
        return !leftTheChat(state, null);
      }
      if (after == 0 || history.messages().size() < CATCH_UP_PAGE) {
        break;
      }
    }
    if (state.lastSeq() > 0) {
      socket.ack(state.conversationId(), state.lastSeq(), "read");
    }
    link.subscribePresence(state.peers());
    return true;
  }

  private int loop(ChatState state) throws InterruptedException {
    long quitBy = Long.MAX_VALUE;
    while (true) {
      if (quitBy != Long.MAX_VALUE && !state.awaitingReplies()) {
        return 0;
      }
      long left = quitBy - System.nanoTime();
      Object e = quitBy == Long.MAX_VALUE ? events.take() : events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        if (link.unanswered() > 0) {
          print(List.of("! " + link.unanswered() + " request(s) not answered; leaving anyway"));
        }
        return 0;
      } else if (e instanceof ChatLink.Incoming f) {
        if (link.current(f.generation()) && !onFrame(state, f.frame())) {
          return 0;
        }
      } else if (e instanceof ChatTerminal.Typed l) {
        ChatInput.Action a = ChatInput.parse(l.text());
        if (a instanceof ChatInput.Quit) {
          quitBy = System.nanoTime() + QUIT_GRACE.toNanos();
        } else if (quitBy == Long.MAX_VALUE) {
          act(state, a);
        }
      } else if (e instanceof ChatTerminal.Key) {
        typed(state);
      } else if (e instanceof ChatTerminal.EndOfInput) {
        quitBy = Math.min(quitBy, System.nanoTime() + QUIT_GRACE.toNanos());
      } else if (e instanceof ChatLink.Lost c && link.current(c.generation())) {
        if (FINAL_CLOSE_CODES.contains(c.code())) {
          print(
              List.of("* disconnected by the server (code " + c.code() + ": " + c.reason() + ")"));
          return 1;
        }
        print(List.of("* connection lost (code " + c.code() + "); reconnecting…"));
        retryLater();
      } else if (e instanceof Retry) {
        retryScheduled = false;
        if (!link.connected() && !reconnect(state)) {
          return state.removed() ? 0 : 1;
        }
      } else if (e instanceof PingDue && link.connected()) {
        link.socket().ping();
      } else if (e instanceof TypingCheck) {
        stopTypingIfIdle(state);
      }
    }
  }

  /** Schedules one attempt to reconnect, unless one is already scheduled. */
  private void retryLater() {
    if (!retryScheduled) {
      retryScheduled = true;
      timers.schedule(() -> post(new Retry()), link.backoff().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * One attempt to connect again; on success catches up and says so.
   *
   * @return false when the chat must end: the server refused the login, or the user is no longer a
   *     member
   */
  private boolean reconnect(ChatState state) {
    try {
      link.connect();
    } catch (ApiException e) {
      print(List.of("! cannot reconnect: " + e.code() + ": " + e.errorMessage()));
      return false;
    } catch (RuntimeException e) {
      retryLater();
      return true;
    }
    print(List.of("* reconnected"));
    try {
      return catchUp(state, HISTORY_LINES);
    } catch (RuntimeException e) {
      // The new socket failed while catching up: its Lost event schedules the next attempt.
      return true;
    }
  }

  /**
   * Handles one frame of the current socket.
   *
   * @return false when the chat must end (the user was removed from the group)
   */
  private boolean onFrame(ChatState state, ServerFrame frame) {
    link.answered(frame.ref());
    print(state.onFrame(frame));
    if (frame instanceof ServerFrame.Message m) {
      String conversationId = m.conversationId();
      link.fireAndForget(ack(conversationId, m.seq(), "delivered"));
      if (conversationId.equals(state.conversationId())) {
        link.fireAndForget(ack(conversationId, m.seq(), "read"));
      }
    }
    if (state.removed()) {
      return !leftTheChat(state, null);
    }
    if (frame instanceof ServerFrame.Error e && e.ref() != null && "forbidden".equals(e.code())) {
      return !leftTheChat(state, e);
    }
    return true;
  }

  /**
   * True (and says so) when the user is no longer a member: the state saw the removal, or, after a
   * {@code forbidden} answer, the conversation no longer lists the user.
   */
  private boolean leftTheChat(ChatState state, ServerFrame answer) {
    boolean gone = state.removed();
    if (!gone && answer instanceof ServerFrame.Error e && "forbidden".equals(e.code())) {
      try {
        gone = client.conversation(state.conversationId()).member(state.me()).isEmpty();
      } catch (ApiException ex) {
        gone = ex.status() == 403 || ex.status() == 404;
      } catch (RuntimeException ex) {
        gone = false;
      }
    }
    if (gone) {
      print(List.of("* you are no longer a member of this conversation; leaving the chat"));
    }
    return gone;
  }

  private static ObjectNode ack(String conversationId, long seq, String status) {
    return Json.object()
        .put("type", "ack")
        .put("conversationId", conversationId)
        .put("seq", seq)
        .put("status", status);
  }

  private static ObjectNode typing(String conversationId, String state) {
    return Json.object()
        .put("type", "typing")
        .put("conversationId", conversationId)
        .put("state", state);
  }

  /** A key was typed (keys mode): {@code typing start}, at most once per {@link #TYPING_EVERY}. */
  private void typed(ChatState state) {
    long now = System.nanoTime();
    lastKeyAt = now;
    if (typingSentAt == Long.MIN_VALUE || now - typingSentAt > TYPING_EVERY.toNanos()) {
      link.fireAndForget(typing(state.conversationId(), "start"));
      typingSentAt = now;
    }
  }

  private void stopTypingIfIdle(ChatState state) {
    if (typingSentAt != Long.MIN_VALUE && System.nanoTime() - lastKeyAt > TYPING_IDLE.toNanos()) {
      stopTyping(state);
    }
  }

  private void stopTyping(ChatState state) {
    if (typingSentAt != Long.MIN_VALUE) {
      link.fireAndForget(typing(state.conversationId(), "stop"));
      typingSentAt = Long.MIN_VALUE;
    }
  }

  /** Sends a request; says when it waits for the connection or the outbox is full. */
  private void request(ObjectNode frame) {
    if (!link.request(frame)) {
      print(List.of("! too many requests waiting for the server; not sent"));
    } else if (!link.connected()) {
      print(List.of("* not connected: will send when reconnected"));
    }
  }

  private void act(ChatState state, ChatInput.Action a) {
    String conversationId = state.conversationId();
    if (a instanceof ChatInput.Send send) {
      String clientId = UUID.randomUUID().toString();
      String ref = "line-" + clientId;
      if (!terminal.keys()) {
        // Lines mode cannot see typing before Enter: announce it around the send.
        link.fireAndForget(typing(conversationId, "start"));
        typingSentAt = System.nanoTime();
      }
      OutgoingMessage m = OutgoingMessage.text(conversationId, clientId, send.text());
      state.expectReply(ref, clientId, send.text(), send.replyTo(), false);
      request(
          (send.replyTo() == null ? m : m.withReplyTo(send.replyTo()))
              .toJson()
              .put("ref", ref)
              .put("type", "send"));
      stopTyping(state);
    } else if (a instanceof ChatInput.Change c) {
      request(ChatActions.change(state, c));
    } else if (a instanceof ChatInput.Forward f) {
      ObjectNode frame = ChatActions.forward(client, state, f, this::print);
      if (frame != null) {
        request(frame);
      }
    } else if (a instanceof ChatInput.ReadBy r) {
      print(List.of(ChatActions.readBy(client, names, state, r.seq())));
    } else if (a instanceof ChatInput.Help) {
      print(ChatInput.HELP);
    } else if (a instanceof ChatInput.Invalid i) {
      print(List.of("! " + i.message()));
    }
  }

  private void print(List<String> lines) {
    terminal.print(lines);
  }
}
