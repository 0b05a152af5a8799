package dev.messenger.core.contract;

import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.Ids;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.User;
import dev.messenger.core.store.AppendResult;
import dev.messenger.core.store.MessageStore;
import dev.messenger.core.store.NewMessage;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the store contract suites share: a fresh {@link MessageStore} and an {@link AccountStore} on
 * the same database per test, and helpers that make users, conversations and messages in them.
 */
public abstract class StoreContractBase {
  private static final AtomicLong CLIENT_IDS = new AtomicLong();

  protected MessageStore store;
  protected AccountStore accounts;
  private long now = 1_700_000_000_000L;

  /** A fresh, empty store; called once before each test, before {@link #newAccountStore()}. */
  protected abstract MessageStore newMessageStore() throws Exception;

  /** An account store on the same database as the store {@link #newMessageStore()} just made. */
  protected abstract AccountStore newAccountStore() throws Exception;

  @BeforeEach
  void openStores() throws Exception {
    store = newMessageStore();
    accounts = newAccountStore();
  }

  // ------------------------------------------------------------------ helpers

  /** A direct conversation between a and b with {@code n} messages, seq 1..n. */
  protected record Fixture(String a, String b, String c) {}

  protected Fixture directWithMessages(int n) {
    String a = user("alice");
    String b = user("bob");
    String c = direct(a, b);
    for (int i = 1; i <= n; i++) {
      assertThat(send(c, i % 2 == 0 ? b : a, "message " + i).message().seq()).isEqualTo(i);
    }
    return new Fixture(a, b, c);
  }

  /** Creates a user in the paired account store; returns its id. Names are made unique. */
  protected String user(String name) {
    String id = Ids.newId("u");
    String username = (name + "_" + id.substring(2, 8)).toLowerCase(Locale.ROOT);
    await(accounts.createUser(new User(id, username, name, "plain:x", tick(), 0)));
    return id;
  }

  protected String direct(String a, String b) {
    return await(store.openDirect(a, b, Ids.newId("c"), tick())).id();
  }

  protected String group(String creator, String name) {
    return group(creator, name, List.of());
  }

  protected String group(String creator, String name, List<String> others) {
    String id = Ids.newId("c");
    await(store.createGroup(id, name, creator, others, tick()));
    return id;
  }

  protected AppendResult send(String conversationId, String sender, String body) {
    return await(
        store.append(
            new NewMessage(
                conversationId, sender, device(sender), clientId(), tick(), body, null)));
  }

  /** The device {@link #send} sends from. */
  protected static String device(String userId) {
    return "d_" + userId;
  }

  /** A strictly increasing time, so activity order is well defined. */
  protected long tick() {
    synchronized (this) {
      now += 10;
      return now;
    }
  }

  protected static String clientId() {
    return "cid-" + CLIENT_IDS.incrementAndGet();
  }
}
