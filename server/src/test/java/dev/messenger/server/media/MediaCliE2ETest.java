package dev.messenger.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.MessageView;
import dev.messenger.client.cli.Cli;
import dev.messenger.server.TestNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code send USER --file PATH [text]} from the CLI against a real node. */
class MediaCliE2ETest {
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

  private int cli(String profile, StringWriter err, String... args) {
    CommandLine cl = Cli.commandLine(new Cli().withInput(new ByteArrayInputStream(new byte[0])));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--profile=" + dir.resolve(profile + ".json");
    all[1] = "--server=" + node.uri();
    System.arraycopy(args, 0, all, 2, args.length);
    return cl.execute(all);
  }

  @Test
  void send_file_uploadsAndAttaches_textOptional() throws Exception {
    String alice = "cli_media_a_" + System.nanoTime() % 100000;
    String bob = "cli_media_b_" + System.nanoTime() % 100000;
    StringWriter err = new StringWriter();
    assertThat(cli("a", err, "register", alice, "--password=alice-secret")).isZero();
    assertThat(cli("b", err, "register", bob, "--password=bob-secret")).isZero();
    assertThat(cli("a", err, "login", alice, "--password=alice-secret")).isZero();
    Path pdf = Files.write(dir.resolve("notes.pdf"), MediaSamples.pdf());
    Path png = Files.write(dir.resolve("cat.png"), MediaSamples.png(20, 20));

    assertThat(cli("a", err, "send", bob, "--file", pdf.toString(), "the", "notes"))
        .as(err.toString())
        .isZero();
    assertThat(cli("a", err, "send", bob, "--file", png.toString())).as(err.toString()).isZero();

    var bobClient = node.anonymous().loginAs(bob, "bob-secret");
    String c = bobClient.conversations().get(0).id();
    var messages = bobClient.history(c, null, null, null).messages();
    assertThat(messages).extracting(MessageView::body).containsExactly("the notes", "");
    assertThat(bobClient.downloadMedia(messages.get(0).attachments().get(0), false))
        .isEqualTo(MediaSamples.pdf());
    assertThat(bobClient.downloadMedia(messages.get(1).attachments().get(0), false))
        .isEqualTo(Files.readAllBytes(png));
    // The file's name travels with it: a download saves as notes.pdf.
    var got =
        MediaHttp.get(
            node,
            bobClient.token(),
            "/api/v1/media/" + messages.get(0).attachments().get(0),
            b -> b);
    assertThat(got.headers().firstValue("Content-Disposition").orElse(""))
        .isEqualTo("attachment; filename=\"notes.pdf\"; filename*=UTF-8''notes.pdf");
  }
}
