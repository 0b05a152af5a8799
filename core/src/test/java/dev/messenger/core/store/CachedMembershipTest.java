package dev.messenger.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.accounts.Caller;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.testing.CoreFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The send path's membership cache: cached, invalidated, bounded, never stale across a race. */
class CachedMembershipTest {
  private final CoreFixture f = new CoreFixture();
  private final Caller alice = f.newUser("alice");
  private final Caller bob = f.newUser("bob");
  private final Caller carol = f.newUser("carol");
  private final String group = f.group(alice, "g", bob, carol);
  private final AtomicInteger reads = new AtomicInteger();
  private final List<String> changed = new ArrayList<>();
  private Runnable duringRead = () -> {};

  /** The in-memory store, counting member reads and running {@link #duringRead} inside one. */
  private final ConversationStore counting =
      (ConversationStore)
          Proxy.newProxyInstance(
              ConversationStore.class.getClassLoader(),
              new Class<?>[] {ConversationStore.class},
              (proxy, method, args) -> {
                if (method.getName().equals("activeMembers")) {
                  reads.incrementAndGet();
                  duringRead.run();
                }
                try {
                  return method.invoke(f.store, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });

  private final CachedMembership cache = new CachedMembership(counting, changed::add, 2);

  private static List<String> ids(List<Member> members) {
    return members.stream().map(Member::userId).toList();
  }

  @Test
  void fanoutMembers_areReadOnce_thenServedFromMemory() {
    assertThat(cache.fanoutMembersCached(group)).isFalse();
    assertThat(ids(cache.fanoutMembers(group))).hasSize(3);
    assertThat(ids(cache.fanoutMembers(group))).hasSize(3);
    assertThat(reads).hasValue(1);
    assertThat(cache.fanoutMembersCached(group)).isTrue();
  }

  @Test
  void aChangeMadeThroughTheCache_invalidatesIt_andIsAnnounced() {
    cache.fanoutMembers(group);
    SystemEvent removal =
        new SystemEvent(SystemEvent.Action.MEMBER_REMOVED, carol.userId(), alice.userId(), null);
    cache.applyEvent(group, removal, 1).join();

    assertThat(changed).containsExactly(group);
    assertThat(ids(cache.fanoutMembers(group))).doesNotContain(carol.userId());
  }

  @Test
  void aChangeHeardFromAnotherNode_invalidatesIt() {
    cache.fanoutMembers(group);
    SystemEvent removal =
        new SystemEvent(SystemEvent.Action.MEMBER_REMOVED, carol.userId(), alice.userId(), null);
    f.store.applyEvent(group, removal, 1).join(); // "another node", past this cache
    assertThat(ids(cache.fanoutMembers(group))).contains(carol.userId());

    cache.invalidate(group);
    assertThat(ids(cache.fanoutMembers(group))).doesNotContain(carol.userId());
  }

  @Test
  void aReadThatRacesAnInvalidation_isNotCached() {
    duringRead = () -> cache.invalidate(group);
    cache.fanoutMembers(group);
    assertThat(cache.fanoutMembersCached(group)).isFalse();
  }

  @Test
  void activeMembers_isNeverCached() {
    cache.activeMembers(group);
    cache.activeMembers(group);
    assertThat(reads).hasValue(2);
  }

  @Test
  void emptyLists_areNotCached_andTheBoundDropsTheCache() {
    assertThat(cache.fanoutMembers("c_none")).isEmpty();
    assertThat(cache.fanoutMembersCached("c_none")).isFalse();

    String second = f.group(alice, "g2", bob);
    String third = f.group(alice, "g3", carol);
    cache.fanoutMembers(group);
    cache.fanoutMembers(second);
    cache.fanoutMembers(third);
    assertThat(cache.fanoutMembersCached(third)).isTrue();
    assertThat(cache.fanoutMembersCached(group)).isFalse();
  }

  @Test
  void clear_forgetsEverything() {
    cache.fanoutMembers(group);
    cache.clear();
    assertThat(cache.fanoutMembersCached(group)).isFalse();
  }
}
