package dev.messenger.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.ApiException;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md section 7 ("Search") end to end, on the store a subclass starts the node on. */
abstract class SearchE2E {
  private static final AtomicInteger IDS = new AtomicInteger();
  static TestNode node;

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
      node = null;
    }
  }

  static long post(TestUser u, String c, String body) {
    return u.http().postMessage(c, "s" + IDS.incrementAndGet(), body).seq();
  }

  static JsonNode search(TestUser u, String query) {
    return u.http().rawRequest("GET", "/api/v1/search?" + query, null);
  }

  static String q(String text) {
    return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static List<Long> seqs(JsonNode page) {
    List<Long> out = new ArrayList<>();
    page.get("results").forEach(r -> out.add(r.get("seq").asLong()));
    return out;
  }

  static void assertError(String code, Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void wholeWords_lastAsPrefix_caseAndAccentsFolded_newestFirst() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    long cafe = post(alice, c, "Meet at the Café at noon");
    long hello = post(bob, c, "hello world");
    long help = post(alice, c, "HELP wanted");
    JsonNode page = search(bob, q("cafe"));
    assertThat(seqs(page)).containsExactly(cafe);
    JsonNode r = page.get("results").get(0);
    assertThat(r.get("conversationId").asText()).isEqualTo(c);
    assertThat(r.get("senderId").asText()).isEqualTo(alice.id());
    assertThat(r.get("snippet").asText()).isEqualTo("Meet at the Café at noon");
    assertThat(seqs(search(bob, q("hel")))).containsExactly(help, hello);
    assertThat(seqs(search(bob, q("hel world")))).isEmpty(); // only the last word is a prefix
    assertThat(seqs(search(bob, q("world hel")))).containsExactly(hello);
    assertThat(seqs(search(bob, q("wor")))).containsExactly(hello);
    assertThat(seqs(search(bob, q("noon café")))).containsExactly(cafe);
    assertThat(seqs(search(bob, q("orld")))).isEmpty(); // words match from their start
    assertThat(seqs(search(bob, q("!!!")))).isEmpty();
  }

  @Test
  void onlyWhatTheCallerMaySee_joinLeaveClearEditDelete() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser carol = node.newUser("carol");
    String g = alice.http().createGroup("g", List.of(bob.id())).id();
    long before = post(alice, g, "zebra before carol");
    alice.http().addMember(g, carol.id());
    long after = post(alice, g, "zebra after carol joined");
    assertThat(seqs(search(carol, q("zebra")))).containsExactly(after);
    assertThat(seqs(search(bob, q("zebra")))).containsExactly(after, before);
    assertThat(seqs(search(node.newUser("eve"), q("zebra")))).isEmpty();

    alice.http().removeMember(g, carol.id());
    post(alice, g, "zebra once carol left");
    assertThat(seqs(search(carol, q("zebra")))).containsExactly(after); // was a member

    bob.http()
        .rawRequest("POST", "/api/v1/conversations/" + g + "/clear", "{\"seq\":" + before + "}");
    assertThat(seqs(search(bob, q("zebra")))).doesNotContain(before);

    String path = "/api/v1/conversations/" + g + "/messages/" + after;
    alice.http().rawRequest("PATCH", path, "{\"body\":\"giraffe now\"}");
    assertThat(seqs(search(alice, q("giraffe")))).containsExactly(after);
    assertThat(seqs(search(alice, q("zebra")))).doesNotContain(after);
    alice.http().rawRequest("DELETE", path, null);
    assertThat(seqs(search(alice, q("giraffe")))).isEmpty();
  }

  @Test
  void paging_withAnOpaqueCursor_andOneConversation() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    String other = alice.http().createGroup("other", List.of()).id();
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(0, post(alice, c, "kiwi number " + i));
    }
    post(alice, other, "kiwi elsewhere");
    JsonNode first = search(alice, q("kiwi") + "&conversationId=" + c + "&limit=2");
    assertThat(seqs(first)).containsExactlyElementsOf(all.subList(0, 2));
    JsonNode second =
        search(
            alice,
            q("kiwi") + "&conversationId=" + c + "&limit=2&before=" + first.get("next").asText());
    assertThat(seqs(second)).containsExactlyElementsOf(all.subList(2, 4));
    JsonNode third =
        search(
            alice,
            q("kiwi") + "&conversationId=" + c + "&limit=2&before=" + second.get("next").asText());
    assertThat(seqs(third)).containsExactlyElementsOf(all.subList(4, 5));
    assertThat(third.has("next")).isFalse();
    assertThat(search(alice, q("kiwi")).get("results")).hasSize(6);
    // Opening a result: history around its seq puts it in the middle of the page.
    long middle = all.get(2);
    JsonNode around =
        alice
            .http()
            .rawRequest(
                "GET",
                "/api/v1/conversations/" + c + "/messages?around=" + middle + "&limit=3",
                null);
    List<Long> page = new ArrayList<>();
    around.get("messages").forEach(m -> page.add(m.get("seq").asLong()));
    assertThat(page).containsExactly(middle - 1, middle, middle + 1);
    assertError(
        "bad_request",
        () ->
            alice
                .http()
                .rawRequest(
                    "GET", "/api/v1/conversations/" + c + "/messages?around=2&after=1", null));
  }

  @Test
  void snippet_isPlainTextAroundTheFirstHit_atMost200CodePoints() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    String body = "a".repeat(300) + " needle " + "😀".repeat(300);
    post(alice, c, body);
    String snippet = search(bob, q("needle")).get("results").get(0).get("snippet").asText();
    assertThat(snippet.codePointCount(0, snippet.length())).isEqualTo(200);
    assertThat(snippet).contains("needle");
  }

  @Test
  void badQueries() {
    TestUser alice = node.newUser("alice");
    assertError("bad_request", () -> search(alice, "q="));
    assertError("bad_request", () -> search(alice, "limit=5"));
    assertError("bad_request", () -> search(alice, q("x".repeat(201))));
    assertError("bad_request", () -> search(alice, q("x") + "&limit=0"));
    assertError("bad_request", () -> search(alice, q("x") + "&limit=101"));
    assertError("bad_request", () -> search(alice, q("x") + "&limit=ten"));
    assertError("bad_request", () -> search(alice, q("x") + "&before=%21%21"));
    assertError("not_found", () -> search(alice, q("x") + "&conversationId=c_nope"));
    assertError(
        "unauthorized", () -> node.anonymous().rawRequest("GET", "/api/v1/search?q=x", null));
  }
}
