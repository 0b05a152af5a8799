package dev.messenger.server.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks traffic recorded outside the JVM against docs/openapi.json and docs/asyncapi.json, with
 * the same strict {@link Spec} the Java suite uses. The JavaScript SDK's Node tests write one JSON
 * line per HTTP exchange ({@code {"kind": "http", "method", "uri", "requestBody", "status",
 * "contentType", "body"}}) and per WebSocket frame ({@code {"kind": "in"|"out", "text"}}); the
 * sdk-js module's build runs this class after them.
 *
 * <p>Usage: {@code RecordedTraffic FILE}. Exits 0 when every line matches, 1 with the problems (at
 * most 50 printed) when some do not, and 2 when the file is missing or holds no traffic (a check
 * that saw nothing proves nothing). Deletes the file after a run, so the next run starts empty. Not
 * thread-safe; a command-line tool.
 */
public final class RecordedTraffic {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI BASE = URI.create("http://127.0.0.1");

  private RecordedTraffic() {}

  /** The problems of every recorded line, in file order. */
  static List<String> check(Spec spec, List<String> lines) throws IOException {
    List<String> problems = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode e = JSON.readTree(line);
      switch (e.path("kind").asText()) {
        case "http" ->
            problems.addAll(
                spec.http(
                    e.path("method").asText(),
                    BASE.resolve(e.path("uri").asText()),
                    text(e, "requestBody"),
                    e.path("status").asInt(),
                    text(e, "contentType"),
                    text(e, "body")));
        case "in" -> problems.addAll(spec.frame(e.path("text").asText()));
        case "out" -> problems.addAll(spec.clientFrame(e.path("text").asText()));
        default -> problems.add("unknown recorded line: " + line);
      }
    }
    return problems;
  }

  private static String text(JsonNode e, String field) {
    JsonNode v = e.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Runs the check over the file named by {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    if (!Files.exists(file)) {
      System.err.println("no recorded traffic at " + file + ": the Node suite recorded nothing");
      System.exit(2);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Files.delete(file);
    if (lines.stream().allMatch(String::isBlank)) {
      System.err.println("recorded traffic is empty: " + file);
      System.exit(2);
    }
    List<String> problems = check(new Spec(), lines);
    if (problems.isEmpty()) {
      System.out.println(
          "spec check: " + lines.size() + " recorded exchanges and frames match the docs");
      return;
    }
    System.err.println(problems.size() + " recorded exchange(s) drift from the docs:");
    problems.stream().limit(50).forEach(p -> System.err.println("  " + p));
    System.exit(1);
  }
}
