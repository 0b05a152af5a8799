package dev.messenger.server.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One setting, declared once: its name (as in {@code --name=value} and in the config file), type,
 * default, valid values, help text, whether it is a {@link Secret}, and where its value sits in
 * {@link Settings}. The parser, {@code --help}, validation and the README table all derive from
 * these declarations (the {@code static final} fields of the group records, listed by {@link
 * Settings#ALL}). Immutable and thread-safe.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final String name;
  private final String label;
  private final String expected;
  private final Function<String, T> parse;
  private final Function<T, String> format;
  private final Supplier<T> defaultValue;
  private final String defaultDoc;
  private final Predicate<T> valid;
  private final String rule;
  private final Function<Settings, T> read;
  private final String help;

  private Setting(
      String name,
      String label,
      String expected,
      Function<String, T> parse,
      Function<T, String> format,
      Supplier<T> defaultValue,
      String defaultDoc,
      Predicate<T> valid,
      String rule,
      Function<Settings, T> read,
      String help) {
    this.name = name;
    this.label = label;
    this.expected = expected;
    this.parse = parse;
    this.format = format;
    this.defaultValue = defaultValue;
    this.defaultDoc = defaultDoc;
    this.valid = valid;
    this.rule = rule;
    this.read = read;
    this.help = help;
  }

  private static <T> Setting<T> of(
      String name,
      String label,
      String expected,
      Function<String, T> parse,
      Function<T, String> format,
      T defaultValue,
      Function<Settings, T> read,
      String help) {
    String doc = format.apply(defaultValue);
    return new Setting<>(
        name,
        label,
        expected,
        parse,
        format,
        () -> defaultValue,
        doc.isEmpty() ? "empty" : "`" + doc + "`",
        v -> true,
        "",
        read,
        help);
  }

  /** An integer in {@code [min, max]}. */
  static Setting<Integer> integer(
      String name, int dflt, int min, int max, Function<Settings, Integer> read, String help) {
    return of(
            name,
            "INT",
            "an integer",
            s -> Integer.parseInt(s.strip()),
            String::valueOf,
            dflt,
            read,
            help)
        .where(v -> v >= min && v <= max, max == Integer.MAX_VALUE ? ">= " + min : min + "-" + max);
  }

  /** A count of bytes in {@code [min, max]}. */
  static Setting<Long> bytes(
      String name, long dflt, long min, long max, Function<Settings, Long> read, String help) {
    return of(
            name,
            "BYTES",
            "a number of bytes",
            s -> Long.parseLong(s.strip()),
            String::valueOf,
            dflt,
            read,
            help)
        .where(v -> v >= min && v <= max, min + "-" + max);
  }

  /**
   * A duration of at least {@code min}: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or
   * ISO-8601 such as {@code PT5S}.
   */
  static Setting<Duration> duration(
      String name, Duration dflt, Duration min, Function<Settings, Duration> read, String help) {
    return of(
            name,
            "DURATION",
            "a duration such as 500ms, 5s, 2m, 1h, 90d or PT5S",
            Setting::parseDuration,
            Setting::formatDuration,
            dflt,
            read,
            help)
        .where(v -> v.compareTo(min) >= 0, ">= " + formatDuration(min));
  }

  /** Any text. */
  static Setting<String> text(
      String name, String dflt, Function<Settings, String> read, String help) {
    return of(name, "TEXT", "text", s -> s, s -> s, dflt, read, help);
  }

  /** A file system path. */
  static Setting<Path> path(String name, Path dflt, Function<Settings, Path> read, String help) {
    return of(name, "PATH", "a path", Path::of, Path::toString, dflt, read, help);
  }

  /** One of an enum's constants, written as its lower-case name. */
  static <E extends Enum<E>> Setting<E> choice(
      String name, E dflt, Function<Settings, E> read, String help) {
    E[] all = dflt.getDeclaringClass().getEnumConstants();
    List<String> names = Arrays.stream(all).map(Setting::wireName).toList();
    return of(
        name,
        String.join("|", names),
        "one of " + String.join(", ", names),
        s -> all[requireIndex(names.indexOf(s))],
        Setting::wireName,
        dflt,
        read,
        help);
  }

  /** A {@link Secret}, empty by default; never shown in messages or help. */
  static Setting<Secret> secret(String name, Function<Settings, Secret> read, String help) {
    return of(name, "SECRET", "a secret", Secret::of, Secret::reveal, Secret.empty(), read, help);
  }

  /** {@code true} or {@code false}; {@code --name} alone means true. */
  static Setting<Boolean> flag(
      String name, boolean dflt, Function<Settings, Boolean> read, String help) {
    return of(
        name, "BOOL", "true or false", Setting::parseBoolean, String::valueOf, dflt, read, help);
  }

  /** A comma-separated list of text, blank items dropped; empty by default. */
  static Setting<List<String>> list(
      String name, Function<Settings, List<String>> read, String help) {
    return of(
        name,
        "LIST",
        "a comma-separated list",
        Setting::parseList,
        l -> String.join(",", l),
        List.of(),
        read,
        help);
  }

  /**
   * A copy that accepts only values passing {@code test} (replacing any earlier rule), described in
   * errors as "must be {@code rule}".
   */
  Setting<T> where(Predicate<T> test, String rule) {
    return new Setting<>(
        name, label, expected, parse, format, defaultValue, defaultDoc, test, rule, read, help);
  }

  /** A copy whose default is computed each time (e.g. random), documented as {@code doc}. */
  Setting<T> defaultFrom(Supplier<T> dflt, String doc) {
    return new Setting<>(name, label, expected, parse, format, dflt, doc, valid, rule, read, help);
  }

  /** A copy whose default is documented as {@code doc} (Markdown) instead of its value. */
  Setting<T> documentDefault(String doc) {
    return defaultFrom(defaultValue, doc);
  }

  /** The name, as in {@code --name=value} and {@code name=value} in the config file. */
  public String name() {
    return name;
  }

  /**
   * What the value looks like in {@code --help}, e.g. {@code DURATION} or {@code sqlite|postgres}.
   */
  public String label() {
    return label;
  }

  /** What the setting means, in Markdown (code in backticks). */
  public String help() {
    return help;
  }

  /** Whether the value is a {@link Secret}. */
  public boolean secret() {
    return label.equals("SECRET");
  }

  /** Whether {@code --name} alone means true. */
  public boolean flag() {
    return label.equals("BOOL");
  }

  /** The default value; a new one on each call for computed defaults such as {@code node-id}. */
  public T defaultValue() {
    return defaultValue.get();
  }

  /** The default as documented, in Markdown: {@code `8080`}, {@code empty}, {@code random}. */
  public String defaultDoc() {
    return defaultDoc;
  }

  /** The value written as text, as it would be given on the command line; a secret is masked. */
  public String show(T value) {
    return secret() ? String.valueOf(value) : format.apply(value);
  }

  /** This setting's value in {@code settings}. */
  public T read(Settings settings) {
    return read.apply(settings);
  }

  /**
   * Parses a value from text; the range is checked when the group record is built.
   *
   * @throws IllegalArgumentException naming the setting, if {@code raw} is not of its type
   */
  public T parse(String raw) {
    try {
      return parse.apply(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + " must be " + expected + (secret() ? "" : ", not '" + raw + "'"), e);
    }
  }

  /**
   * Returns {@code value} if it is valid.
   *
   * @throws IllegalArgumentException naming the setting and the valid range (never a secret's
   *     value), if it is null or out of range
   */
  public T check(T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must be given");
    }
    if (!valid.test(value)) {
      throw new IllegalArgumentException(name + " must be " + rule + ", not " + show(value));
    }
    return value;
  }

  @Override
  public String toString() {
    return name;
  }

  private static String wireName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static int requireIndex(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("no such choice");
    }
    return i;
  }

  private static boolean parseBoolean(String s) {
    if (s.strip().equalsIgnoreCase("true")) {
      return true;
    }
    if (s.strip().equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  private static List<String> parseList(String csv) {
    return Arrays.stream(csv.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 90d}, or ISO-8601 {@code
   * PT5S}.
   */
  static Duration parseDuration(String value) {
    Matcher m = DURATION.matcher(value.strip());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    return Duration.parse(value.strip());
  }

  /** {@code 5s}, {@code 90d} when whole days, or {@code 750ms} when not whole seconds. */
  static String formatDuration(Duration d) {
    if (!d.isZero() && d.toMillis() % 86_400_000L == 0) {
      return d.toDays() + "d";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
