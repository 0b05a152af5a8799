package dev.messenger.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class CliParseTest {
  private final Cli cli = new Cli();

  private ParseResult parse(String... args) {
    return new CommandLine(cli).parseArgs(args);
  }

  private static Object command(ParseResult r) {
    ParseResult leaf = r;
    while (leaf.subcommand() != null) {
      leaf = leaf.subcommand();
    }
    return leaf.commandSpec().userObject();
  }

  @Test
  void globalOptions_haveDefaults() {
    parse("conversations");

    assertThat(cli.profileName).isEqualTo("default");
    assertThat(cli.server).isNull();
    assertThat(cli.profilePath())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".messenger", "default.json"));
  }

  @Test
  void as_beforeOrAfterTheCommand_choosesTheProfile() {
    parse("--as", "alice", "conversations");
    assertThat(cli.profilePath().getFileName().toString()).isEqualTo("alice.json");

    Cli other = new Cli();
    new CommandLine(other).parseArgs("conversations", "--as", "bob", "--server=http://h:1");
    assertThat(other.profileName).isEqualTo("bob");
    assertThat(other.serverUrl(Profile.empty())).isEqualTo("http://h:1");
  }

  @Test
  void profileOption_overridesTheDefaultPath() {
    parse("--profile", "/tmp/x.json", "logout");

    assertThat(cli.profilePath()).isEqualTo(Path.of("/tmp/x.json"));
  }

  @Test
  void serverUrl_prefersOption_thenProfile() {
    parse("logout");
    Profile p = new Profile("http://saved:9", "a", "u", "d", "t");

    assertThat(cli.serverUrl(p)).isEqualTo("http://saved:9");
  }

  @Test
  void register_takesPasswordAndDisplayName() {
    AccountCommands.Register r =
        (AccountCommands.Register)
            command(parse("register", "alice", "--password=secret123", "--display-name=Alice A"));

    assertThat(r.username).isEqualTo("alice");
    assertThat(r.password).isEqualTo("secret123");
    assertThat(r.displayName).isEqualTo("Alice A");
  }

  @Test
  void login_withoutPassword_leavesItForThePrompt() {
    AccountCommands.Login l = (AccountCommands.Login) command(parse("login", "bob"));

    assertThat(l.username).isEqualTo("bob");
    assertThat(l.password).isNull();
    assertThat(l.deviceName).isEqualTo("cli");
  }

  @Test
  void send_toUser_splitsRecipientAndText() {
    MessageCommands.Send s = (MessageCommands.Send) command(parse("send", "bob", "hello", "there"));

    assertThat(s.recipient()).isEqualTo("bob");
    assertThat(s.text()).isEqualTo("hello there");
  }

  @Test
  void send_toGroup_takesAllWordsAsText() {
    MessageCommands.Send s =
        (MessageCommands.Send) command(parse("send", "--group", "g1", "hi", "all"));

    assertThat(s.recipient()).isNull();
    assertThat(s.group).isEqualTo("g1");
    assertThat(s.text()).isEqualTo("hi all");
  }

  @Test
  void send_withoutWords_isAUsageError() {
    MessageCommands.Send s = (MessageCommands.Send) command(parse("send"));

    assertThatThrownBy(s::call)
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("recipient");
  }

  @Test
  void send_withFile_makesTheTextOptional() {
    MessageCommands.Send s =
        (MessageCommands.Send) command(parse("send", "bob", "--file", "/tmp/cat.png"));

    assertThat(s.recipient()).isEqualTo("bob");
    assertThat(s.file).isEqualTo(Path.of("/tmp/cat.png"));
    assertThat(s.text()).isEmpty();
  }

  @Test
  void send_withoutTextOrFile_isAUsageError() {
    MessageCommands.Send s = (MessageCommands.Send) command(parse("send", "bob"));

    assertThatThrownBy(s::call)
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("text");
  }

  @Test
  void history_takesUserOrGroupAndLimit() {
    MessageCommands.History h =
        (MessageCommands.History) command(parse("history", "bob", "--limit", "5"));
    assertThat(h.username).isEqualTo("bob");
    assertThat(h.limit).isEqualTo(5);

    MessageCommands.History g =
        (MessageCommands.History) command(parse("history", "--group", "g1"));
    assertThat(g.group).isEqualTo("g1");
    assertThat(g.limit).isEqualTo(20);
  }

  @Test
  void contacts_subcommands_parse() {
    ParseResult r = parse("contacts", "add", "bob");

    assertThat(r.subcommand().subcommand().commandSpec().name()).isEqualTo("add");
    assertThat(r.subcommand().subcommand().matchedPositionalValue(0, "")).isEqualTo("bob");
    assertThat(parse("contacts").subcommand().commandSpec().name()).isEqualTo("contacts");
  }

  @Test
  void groupCreate_takesNameAndUsernames() {
    ParseResult create = parse("group", "create", "team", "bob", "carol").subcommand().subcommand();

    assertThat(create.commandSpec().name()).isEqualTo("create");
    assertThat(create.matchedPositionalValue(0, "")).isEqualTo("team");
    assertThat(create.matchedPositionalValue(1, List.of())).isEqualTo(List.of("bob", "carol"));
  }

  @Test
  void groupCommands_allParse() {
    for (String[] args :
        List.of(
            new String[] {"group", "add", "g1", "bob"},
            new String[] {"group", "remove", "g1", "bob"},
            new String[] {"group", "leave", "g1"},
            new String[] {"group", "rename", "g1", "new", "name"})) {
      assertThat(parse(args).subcommand().subcommand().commandSpec().name()).isEqualTo(args[1]);
    }
  }

  @Test
  void groupCreate_withoutMembers_isAUsageError() {
    assertThatThrownBy(() -> parse("group", "create", "team"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void chat_takesUserOrGroup() {
    ChatCommand c = (ChatCommand) command(parse("--as", "bob", "chat", "alice"));
    assertThat(c.username).isEqualTo("alice");

    ChatCommand g = (ChatCommand) command(parse("chat", "--group", "g1"));
    assertThat(g.group).isEqualTo("g1");
  }
}
