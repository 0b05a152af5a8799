package dev.messenger.server.settings;

import dev.messenger.core.Ids;
import java.time.Duration;
import java.util.List;

/**
 * How this node finds the others: the bus, NATS, its name and its presence heartbeat. Immutable;
 * validated on construction.
 *
 * @param bus one node or a NATS cluster ({@link #BUS})
 * @param natsUrl where NATS listens ({@link #NATS_URL})
 * @param nodeId this node's name in the cluster, random by default ({@link #NODE_ID})
 * @param presenceHeartbeat how often a clustered node refreshes its presence keys; a dead node's
 *     users go offline within 4 heartbeats plus {@code presence-grace} ({@link
 *     #PRESENCE_HEARTBEAT})
 */
public record ClusterSettings(
    BusKind bus, String natsUrl, String nodeId, Duration presenceHeartbeat) {

  public static final Setting<BusKind> BUS =
      Setting.choice(
          "bus", BusKind.LOCAL, s -> s.cluster().bus(), "`local` (one node), or `nats` (cluster)");

  public static final Setting<String> NATS_URL =
      Setting.text(
          "nats-url",
          "nats://127.0.0.1:4222",
          s -> s.cluster().natsUrl(),
          "the NATS server (JetStream enabled, for the presence bucket)");

  public static final Setting<String> NODE_ID =
      Setting.text(
              "node-id",
              "node",
              s -> s.cluster().nodeId(),
              "this node's name in the cluster (1-32 of `A-Z a-z 0-9 _ -`)")
          .where(id -> id.matches("[A-Za-z0-9_-]{1,32}"), "1-32 characters of A-Z a-z 0-9 _ -")
          .defaultFrom(() -> Ids.randomBase64(6).replace('-', 'x').replace('_', 'y'), "random");

  public static final Setting<Duration> PRESENCE_HEARTBEAT =
      Setting.duration(
          "presence-heartbeat",
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          s -> s.cluster().presenceHeartbeat(),
          "how often a clustered node writes its one heartbeat key (users' keys are written on"
              + " connect and disconnect only); a dead node's users go offline within 4 heartbeats"
              + " + `presence-grace`");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(BUS, NATS_URL, NODE_ID, PRESENCE_HEARTBEAT);

  /**
   * @throws IllegalArgumentException naming the setting, for a value out of range
   */
  public ClusterSettings {
    BUS.check(bus);
    NATS_URL.check(natsUrl);
    NODE_ID.check(nodeId);
    PRESENCE_HEARTBEAT.check(presenceHeartbeat);
  }

  static ClusterSettings from(Settings.Builder b) {
    return new ClusterSettings(
        b.get(BUS), b.get(NATS_URL), b.get(NODE_ID), b.get(PRESENCE_HEARTBEAT));
  }
}
