package dev.messenger.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.messenger.client.ApiException;
import dev.messenger.client.HistoryPage;
import dev.messenger.client.MessageView;
import dev.messenger.client.SearchPage;
import dev.messenger.client.SearchResultView;
import dev.messenger.client.cli.Cli;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 13 from the Java SDK and the CLI against a real node: {@code search()} over all chats and
 * one, paging with {@code next}, history {@code around} a result, and the {@code search} command
 * printing results and the next page's command.
 */
class SearchClientE2ETest {
  private static TestNode node;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void sdk_searchesAllChatsAndOne_pagesWithNext_andOpensAResultAround() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser carol = node.newUser("carol");
    String direct = alice.http().openDirect(bob.id()).id();
    String group = alice.http().createGroup("trip", List.of(bob.id(), carol.id())).id();
    for (int i = 1; i <= 30; i++) {
      String body = i == 17 ? "the ZEPPELIN lands at noon" : "filler message " + i;
      alice.http().postMessage(direct, "d" + i, body);
    }
    bob.http().postMessage(group, "g1", "a zeppelinesque plan, Zeppelin again");
    carol.http().postMessage(group, "g2", "no match here");

    SearchPage all = bob.http().search().search("zeppelin");
    assertThat(all.results())
        .extracting(SearchResultView::conversationId, SearchResultView::seq)
        .as("newest first, both chats, prefix on the last word")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(group, lastSeq(bob, group, "g1")),
            org.assertj.core.groups.Tuple.tuple(direct, 17L));
    SearchResultView hit = all.results().get(1);
    assertThat(hit.senderId()).isEqualTo(alice.id());
    assertThat(hit.snippet()).isEqualTo("the ZEPPELIN lands at noon");
    assertThat(hit.ts()).isPositive();
    assertThat(all.hasMore()).isFalse();

    SearchPage inDirect = bob.http().search().search("zeppelin", direct, null, null);
    assertThat(inDirect.results()).extracting(SearchResultView::seq).containsExactly(17L);

    List<Long> paged = new ArrayList<>();
    SearchPage page = alice.http().search().search("filler", direct, 7, null);
    while (true) {
      page.results().forEach(r -> paged.add(r.seq()));
      if (!page.hasMore()) {
        break;
      }
      assertThat(page.results()).hasSize(7);
      page = alice.http().search().search("filler", direct, 7, page.next());
    }
    assertThat(paged).hasSize(29).doesNotHaveDuplicates().doesNotContain(17L);
    assertThat(paged).isSortedAccordingTo((x, y) -> Long.compare(y, x));

    HistoryPage around = bob.http().search().around(hit, 10);
    assertThat(around.messages()).extracting(MessageView::seq).hasSize(10).contains(17L);
    assertThat(around.messages().get(0).seq()).isBetween(11L, 13L);
    assertThat(around.hasMore()).as("newer messages follow").isTrue();

    assertThatThrownBy(() -> bob.http().search().search("x", null, null, "not-a-cursor"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> carol.http().search().search("zeppelin", direct, null, null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(bob.http().search().search("  ,, ").results()).isEmpty();
  }

  @Test
  void cli_search_printsResults_andTheNextPagesCommand() {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String direct = alice.http().openDirect(bob.id()).id();
    for (int i = 1; i <= 5; i++) {
      alice.http().postMessage(direct, "c" + i, "rhubarb pie number " + i);
    }
    bob.http().postMessage(direct, "c6", "no thanks");
    cli("bob", "login", bob.username(), "--password=" + bob.password());

    String first = cli("bob", "search", "rhubarb", "--in", alice.username(), "--limit", "3");
    assertThat(first)
        .contains(alice.username() + " #5 " + alice.username() + ": rhubarb pie number 5")
        .contains("#4 ")
        .contains("#3 ")
        .doesNotContain("#2 ");
    Matcher more =
        Pattern.compile("more: messenger search .* --before '?([^'\\s]+)'?").matcher(first);
    assertThat(more.find()).as(first).isTrue();
    String second =
        cli(
            "bob",
            "search",
            "rhubarb",
            "--in",
            alice.username(),
            "--limit",
            "3",
            "--before",
            more.group(1));
    assertThat(second)
        .contains("#2 ")
        .contains("#1 ")
        .doesNotContain("#3 ")
        .doesNotContain("more:");

    assertThat(cli("bob", "search", "thanks")).contains("#6 me: no thanks");
    assertThat(cli("bob", "search", "nothingmatchesthis")).contains("no messages match");
  }

  private static long lastSeq(TestUser user, String conversationId, String clientId) {
    List<MessageView> m = user.http().history(conversationId, null, null, 5).messages();
    return m.stream().filter(v -> clientId.equals(v.clientId())).findFirst().orElseThrow().seq();
  }

  /** Runs one CLI command line for {@code profile}; asserts exit 0 and answers its output. */
  private String cli(String profile, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Cli.commandLine(new Cli().withInput(new ByteArrayInputStream(new byte[0])));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--profile=" + dir.resolve(profile + ".json");
    all[1] = "--server=" + node.uri();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = cl.execute(all);
    assertThat(exit).as(String.join(" ", args) + ": " + err).isZero();
    return out.toString();
  }
}
