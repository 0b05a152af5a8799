package dev.messenger.server.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every setting of a node (PROTOCOL.md section 1, plus our own), in groups, validated. Each setting
 * is declared once, as a {@link Setting} constant of its group record; {@link #ALL} lists them.
 * Built by {@link SettingsParser} from a config file and {@code --name=value} arguments, or in
 * tests with {@link #defaults()} and {@link #with(Setting, Object)}. Immutable and thread-safe;
 * {@link #toString()} masks every {@link Secret}.
 *
 * @param node where the node listens, its files, worker pool and log format
 * @param store SQLite or PostgreSQL, and group commit
 * @param cluster the bus, NATS, node id and presence heartbeat
 * @param accounts password hashing cost
 * @param messaging message length, group size, presence grace
 * @param connections WebSocket idle timeout and outbound queue
 * @param limits rate limits, per-user caps and allowed origins
 * @param media uploads: size limit and where the bytes live (file or S3)
 * @param push Web Push: VAPID keys and subject
 * @param tls TLS certificate and key files
 * @param webhooks webhook receiver, secret, events and retries
 */
public record Settings(
    NodeSettings node,
    StoreSettings store,
    ClusterSettings cluster,
    AccountSettings accounts,
    MessagingSettings messaging,
    ConnectionSettings connections,
    LimitSettings limits,
    MediaSettings media,
    PushSettings push,
    TlsSettings tls,
    WebhookSettings webhooks) {

  /** Every setting, each name once, in the order of {@code --help} and the README table. */
  public static final List<Setting<?>> ALL =
      Stream.of(
              NodeSettings.SETTINGS,
              MessagingSettings.SETTINGS,
              ConnectionSettings.SETTINGS,
              AccountSettings.SETTINGS,
              StoreSettings.SETTINGS,
              ClusterSettings.SETTINGS,
              LimitSettings.SETTINGS,
              MediaSettings.SETTINGS,
              PushSettings.SETTINGS,
              TlsSettings.SETTINGS,
              WebhookSettings.SETTINGS)
          .flatMap(List::stream)
          .toList();

  public Settings {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(messaging, "messaging");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(push, "push");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(webhooks, "webhooks");
  }

  /** Every setting at its default (PROTOCOL.md section 1); a new random {@code node-id}. */
  public static Settings defaults() {
    return builder().build();
  }

  /** A builder holding every default. */
  public static Builder builder() {
    Builder b = new Builder();
    for (Setting<?> s : ALL) {
      b.values.put(s, s.defaultValue());
    }
    return b;
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (Setting<?> s : ALL) {
      b.values.put(s, s.read(this));
    }
    return b;
  }

  /**
   * A copy with one setting changed, e.g. {@code s.with(NodeSettings.PORT, 0)}.
   *
   * @throws IllegalArgumentException if the value is out of range
   */
  public <T> Settings with(Setting<T> setting, T value) {
    return toBuilder().set(setting, value).build();
  }

  /**
   * A copy with several settings changed at once, e.g. {@code s.with(b -> b.set(A, 1).set(B, 2))}:
   * checked together, so settings that depend on each other (such as {@code media-store} and {@code
   * s3-bucket}) can change in one step.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public Settings with(Consumer<Builder> change) {
    Builder b = toBuilder();
    change.accept(b);
    return b.build();
  }

  /** A value for every setting; checked by {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private final Map<Setting<?>, Object> values = new HashMap<>();

    private Builder() {}

    /** Sets one setting. */
    public <T> Builder set(Setting<T> setting, T value) {
      values.put(setting, Objects.requireNonNull(value, setting.name()));
      return this;
    }

    /**
     * Sets one setting from text, as given on the command line.
     *
     * @throws IllegalArgumentException naming the setting, if {@code raw} is not of its type
     */
    public <T> Builder parse(Setting<T> setting, String raw) {
      return set(setting, setting.parse(raw));
    }

    /** The value set for {@code setting}. */
    @SuppressWarnings("unchecked") // set() only stores a T under a Setting<T>
    public <T> T get(Setting<T> setting) {
      return (T) values.get(setting);
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the setting, for a value out of range
     */
    public Settings build() {
      return new Settings(
          NodeSettings.from(this),
          StoreSettings.from(this),
          ClusterSettings.from(this),
          AccountSettings.from(this),
          MessagingSettings.from(this),
          ConnectionSettings.from(this),
          LimitSettings.from(this),
          MediaSettings.from(this),
          PushSettings.from(this),
          TlsSettings.from(this),
          WebhookSettings.from(this));
    }
  }
}
