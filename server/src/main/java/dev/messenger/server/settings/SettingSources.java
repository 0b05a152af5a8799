package dev.messenger.server.settings;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a setting not given on the command line comes from, in this order: the environment ({@code
 * MESSENGER_} plus the name in capitals with {@code _} for {@code -}, e.g. {@code MESSENGER_PORT},
 * {@code MESSENGER_DATA_DIR}), then the {@code --config} file. So the precedence is flags over
 * environment over file over defaults. Secrets can also come from a file: {@code
 * --postgres-password-file=PATH} (or {@code MESSENGER_POSTGRES_PASSWORD_FILE}, or {@code
 * postgres-password-file} in the config file) reads the value from that file, without its trailing
 * line break. Immutable; thread-safe.
 */
final class SettingSources implements CommandLine.IDefaultValueProvider {
  /** The prefix of environment variables that name settings. */
  static final String ENV_PREFIX = "MESSENGER_";

  /** The suffix of the options that read a secret from a file. */
  static final String FILE_SUFFIX = "-file";

  private final Map<String, String> env;
  private final CommandLine.IDefaultValueProvider file;

  /**
   * @param env the environment (usually {@code System.getenv()})
   * @param configFile the {@code --config} file, or null
   */
  SettingSources(Map<String, String> env, File configFile) {
    this.env = Map.copyOf(env);
    this.file = configFile == null ? null : new CommandLine.PropertiesDefaultProvider(configFile);
  }

  /** The environment variable of a setting or option name: {@code MESSENGER_DATA_DIR}. */
  static String envName(String name) {
    return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec arg) throws Exception {
    if (arg instanceof OptionSpec o && o.longestName().startsWith("--")) {
      String fromEnv = env.get(envName(o.longestName().substring(2)));
      if (fromEnv != null) {
        return fromEnv;
      }
    }
    return file == null ? null : file.defaultValue(arg);
  }

  /**
   * Reads a secret from a file: its content as UTF-8 without the trailing line breaks.
   *
   * @throws IllegalArgumentException naming the option (never the content) if it cannot be read
   */
  static String readSecret(String option, String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(option + ": cannot read " + path, e);
    }
  }
}
