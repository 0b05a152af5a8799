package dev.messenger.core.testing;

import static dev.messenger.core.testing.Failures.await;

import dev.messenger.core.Ids;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.accounts.User;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.conversations.ConversationSettings;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.messaging.MessageChanges;
import dev.messenger.core.messaging.Messaging;
import dev.messenger.core.model.Changes;
import dev.messenger.core.presence.LocalPresenceRegistry;
import dev.messenger.core.presence.Presence;
import dev.messenger.core.receipts.Receipts;
import dev.messenger.core.typing.TypingRelay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The core services wired as the server's composition root wires them, on fakes: a {@link
 * FakeClock} with {@link FakeTimers}, a {@link RecordingBus}, in-memory stores and {@link
 * PlainHasher}. One per test.
 */
public final class CoreFixture {
  public static final int MAX_GROUP_SIZE = 5;
  public static final int MAX_MESSAGE_CHARS = 20;
  public static final Duration PRESENCE_GRACE = Duration.ofSeconds(5);

  /** Edit and delete window of the fixture's {@link #changes}, in ms: one hour. */
  public static final long WINDOW = 3_600_000;

  public final FakeClock clock = new FakeClock();
  public final FakeTimers timers = new FakeTimers(clock);
  public final RecordingBus bus = new RecordingBus();
  public final InMemoryMessageStore store = new InMemoryMessageStore();
  public final InMemoryAccountStore accountStore = new InMemoryAccountStore();
  public final LocalPresenceRegistry presenceRegistry = new LocalPresenceRegistry();
  public final Fanout fanout = new Fanout(bus);

  /** Device ids of the callers passed to the accounts' revocation callback, in order. */
  public final List<String> revokedDevices = new CopyOnWriteArrayList<>();

  public final Accounts accounts;
  public final Conversations conversations;
  public final ConversationSettings conversationSettings;
  public final Messaging messaging;
  public final MessageChanges changes;
  public final Receipts receipts;
  public final TypingRelay typing;
  public final Presence presence;

  /** Small limits ({@value #MAX_GROUP_SIZE} members, {@value #MAX_MESSAGE_CHARS} chars). */
  public CoreFixture() {
    this(MAX_GROUP_SIZE, MAX_MESSAGE_CHARS, PRESENCE_GRACE);
  }

  public CoreFixture(int maxGroupSize, int maxMessageChars, Duration presenceGrace) {
    accounts =
        new Accounts(accountStore, new PlainHasher(), clock, c -> revokedDevices.add(c.deviceId()));
    conversations =
        new Conversations(store, store, store, store, accountStore, fanout, clock, maxGroupSize);
    conversationSettings = new ConversationSettings(store, store, conversations, fanout);
    messaging = new Messaging(store, store, conversations, fanout, clock, maxMessageChars);
    changes =
        new MessageChanges(
            store,
            store,
            store,
            fanout,
            clock,
            maxMessageChars,
            new Changes.Windows(WINDOW, WINDOW));
    receipts = new Receipts(store, store, fanout);
    typing = new TypingRelay(store, fanout);
    presence =
        new Presence(presenceRegistry, accountStore, store, bus, clock, timers, presenceGrace);
  }

  /**
   * A user stored directly in the account store (no password check needed), and a caller for one of
   * its devices, {@code "d_" + name}.
   */
  public Caller newUser(String name) {
    User u = new User(Ids.newId("u"), name, name, "plain:unused", clock.millis(), 0);
    await(accountStore.createUser(u));
    return new Caller(u.id(), "d_" + name);
  }

  /** Another device of the same user. */
  public static Caller otherDevice(Caller caller, String deviceId) {
    return new Caller(caller.userId(), deviceId);
  }

  /** Creates a group of {@code admin} and {@code members}; returns its id. */
  public String group(Caller admin, String name, Caller... members) {
    List<String> ids = java.util.Arrays.stream(members).map(Caller::userId).toList();
    return conversations.createGroup(admin, name, ids).join().conversation().id();
  }
}
