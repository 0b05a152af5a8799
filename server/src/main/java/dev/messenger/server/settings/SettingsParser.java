package dev.messenger.server.settings;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads {@link Settings} (PROTOCOL.md section 1): defaults, then a properties file given by {@code
 * --config=FILE} ({@code name=value} lines, names as on the command line without the dashes), then
 * the environment ({@code MESSENGER_PORT}, see {@link SettingSources}), then {@code --name=value}
 * (or {@code --name value}) arguments. A secret setting can also be read from a file ({@code
 * --postgres-password-file=PATH}). The options, their help and their checks all come from the
 * declarations in {@link Settings#ALL}. Stateless and thread-safe.
 */
public final class SettingsParser {
  private SettingsParser() {}

  /**
   * Parses the arguments. Returns null when help or the version was printed instead.
   *
   * @throws IllegalArgumentException for an unknown setting or a bad value; the message names the
   *     setting and never contains a secret
   */
  public static Settings parse(String... args) {
    return parse(Map.of(), args);
  }

  /**
   * Parses the arguments over the environment {@code env} (precedence: flags, environment, config
   * file, defaults). Returns null when help or the version was printed instead.
   *
   * @throws IllegalArgumentException for an unknown setting, a bad value or an unreadable secret
   *     file; the message names the setting and never contains a secret
   */
  public static Settings parse(Map<String, String> env, String... args) {
    Map<Setting<?>, OptionSpec> options = new LinkedHashMap<>();
    Map<Setting<?>, OptionSpec> secretFiles = new LinkedHashMap<>();
    CommandLine cl = new CommandLine(spec(options, secretFiles));
    cl.setDefaultValueProvider(new SettingSources(env, findConfig(env, args)));
    CommandLine.ParseResult r;
    try {
      r = cl.parseArgs(args);
    } catch (CommandLine.UnmatchedArgumentException e) {
      // Not chained: picocli's message quotes the argument, value included.
      throw new IllegalArgumentException(unknown(e.getUnmatched()));
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (CommandLine.printHelpIfRequested(r)) {
      return null;
    }
    Settings.Builder b = Settings.builder();
    secretFiles.forEach(
        (setting, option) -> {
          String path = option.getValue();
          if (path != null) {
            b.parse(setting, SettingSources.readSecret(option.longestName(), path));
          }
        });
    options.forEach(
        (setting, option) -> {
          String raw = option.getValue();
          if (raw != null) {
            b.parse(setting, raw);
          }
        });
    return b.build();
  }

  /**
   * The picocli model: {@code --config}, one option per setting, {@code --help}, {@code --version}.
   */
  private static CommandSpec spec(
      Map<Setting<?>, OptionSpec> options, Map<Setting<?>, OptionSpec> secretFiles) {
    CommandSpec spec = CommandSpec.create().name("messenger-server").mixinStandardHelpOptions(true);
    spec.usageMessage()
        .description("Runs one Messenger node.")
        .sortOptions(false)
        .abbreviateSynopsis(true)
        .footer(
            "",
            "Every setting can also be an environment variable (MESSENGER_ and the name in"
                + " capitals, - as _: MESSENGER_DATA_DIR) or a name=value line in the --config"
                + " file; the command line wins over the environment, which wins over the file."
                + " A secret can be read from a file with --NAME-file=PATH."
                + " Durations: 500ms, 5s, 2m, 1h or ISO-8601 (PT5S).");
    spec.addOption(
        OptionSpec.builder("--config")
            .type(String.class)
            .paramLabel("FILE")
            .description("properties file with settings")
            .build());
    for (Setting<?> s : Settings.ALL) {
      OptionSpec.Builder o =
          OptionSpec.builder("--" + s.name())
              .type(String.class)
              .paramLabel(s.label())
              .description(plain(s.help()) + " (default: " + plain(s.defaultDoc()) + ")");
      if (s.flag()) {
        o.arity("0..1").fallbackValue("true");
      }
      OptionSpec option = o.build();
      spec.addOption(option);
      options.put(s, option);
      if (s.secret()) {
        OptionSpec file =
            OptionSpec.builder("--" + s.name() + SettingSources.FILE_SUFFIX)
                .type(String.class)
                .paramLabel("PATH")
                .description("reads " + s.name() + " from this file")
                .build();
        spec.addOption(file);
        secretFiles.put(s, file);
      }
    }
    return spec;
  }

  /**
   * The settings table of the README: one row per setting of {@link Settings#ALL}, with its name,
   * documented default and help, in Markdown.
   */
  public static String markdownTable() {
    StringBuilder t = new StringBuilder("| name | default | meaning |\n|---|---|---|\n");
    for (Setting<?> s : Settings.ALL) {
      t.append("| `")
          .append(s.name())
          .append("` | ")
          .append(s.defaultDoc())
          .append(" | ")
          .append(s.help())
          .append(" |\n");
    }
    return t.toString();
  }

  /** Names the unknown options, without their values (a mistyped password option stays secret). */
  private static String unknown(List<String> unmatched) {
    List<String> names =
        unmatched.stream().filter(a -> a.startsWith("-")).map(a -> a.split("=", 2)[0]).toList();
    int others = unmatched.size() - names.size();
    return (names.isEmpty()
            ? "unexpected arguments"
            : "unknown setting: " + String.join(", ", names))
        + (others > 0 && !names.isEmpty() ? " (and " + others + " more arguments)" : "")
        + "; see --help";
  }

  private static String plain(String markdown) {
    return markdown.replace("`", "");
  }

  private static File findConfig(Map<String, String> env, String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--config=")) {
        return new File(args[i].substring("--config=".length()));
      }
      if (args[i].equals("--config") && i + 1 < args.length) {
        return new File(args[i + 1]);
      }
    }
    String fromEnv = env.get(SettingSources.envName("config"));
    return fromEnv == null ? null : new File(fromEnv);
  }
}
