package dev.messenger.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.util.List;

/**
 * The world the fuzz tests attack, on one real node: {@code alice} (the attacker's own account,
 * whose token the fuzzer mostly uses) is admin of group {@code g} with {@code bob}, has the direct
 * conversation {@code d} with bob and bob as a contact; {@code carol} has her own group {@code
 * other} that alice is not in. Each conversation holds a few messages.
 */
final class FuzzFixture implements AutoCloseable {
  final TestNode node;
  final RawHttp http;
  final TestUser alice;
  final TestUser bob;
  final TestUser carol;
  String g;
  final String d;
  final String other;

  FuzzFixture() throws Exception {
    node = TestNode.start();
    http = new RawHttp(node.uri());
    alice = node.newUser("alice");
    bob = node.newUser("bob");
    carol = node.newUser("carol");
    g = newGroup();
    d = alice.http().openDirect(bob.id()).id();
    alice.http().postMessage(d, "seed-d-1", "hello bob");
    bob.http().postMessage(d, "seed-d-2", "hello alice");
    alice.http().addContact(bob.id());
    other = carol.http().createGroup("carol's", List.of(bob.id())).id();
    carol.http().postMessage(other, "seed-o-1", "private to carol and bob");
  }

  /** A fresh group of alice (admin) and bob with two messages; its id. */
  String newGroup() {
    String id = alice.http().createGroup("fuzz", List.of(bob.id())).id();
    alice.http().postMessage(id, "seed-g-" + id, "first");
    bob.http().postMessage(id, "seed-g2-" + id, "second");
    return id;
  }

  /** What alice sees of g, d and other, plus what carol sees of other. */
  JsonNode snapshot() {
    var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    out.set("alice", Snapshot.take(http, alice.http().token(), List.of(g, d, other)));
    out.set("carol", Snapshot.take(http, carol.http().token(), List.of(other)));
    return out;
  }

  @Override
  public void close() {
    node.close();
  }
}
