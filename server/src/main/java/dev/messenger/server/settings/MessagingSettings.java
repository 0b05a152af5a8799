package dev.messenger.server.settings;

import java.time.Duration;
import java.util.List;

/**
 * The rules of the chat itself: message length, group size, presence grace (PROTOCOL.md section 1).
 * Immutable; validated on construction.
 *
 * @param maxMessageChars longest text body, in code points ({@link #MAX_MESSAGE_CHARS})
 * @param maxGroupSize most members of a group, creator included ({@link #MAX_GROUP_SIZE})
 * @param presenceGrace time after the last device leaves before offline is announced ({@link
 *     #PRESENCE_GRACE})
 * @param editWindow how long after sending the sender may edit (PROTOCOL.md section 4, {@link
 *     #EDIT_WINDOW})
 * @param deleteWindow how long after sending the sender may delete for everyone ({@link
 *     #DELETE_WINDOW}); group admins may delete at any time
 */
public record MessagingSettings(
    int maxMessageChars,
    int maxGroupSize,
    Duration presenceGrace,
    Duration editWindow,
    Duration deleteWindow) {

  public static final Setting<Integer> MAX_MESSAGE_CHARS =
      Setting.integer(
          "max-message-chars",
          1000,
          1,
          1_000_000,
          s -> s.messaging().maxMessageChars(),
          "longest text body, in code points");

  public static final Setting<Integer> MAX_GROUP_SIZE =
      Setting.integer(
          "max-group-size",
          200,
          2,
          100_000,
          s -> s.messaging().maxGroupSize(),
          "most members of a group, creator included");

  public static final Setting<Duration> PRESENCE_GRACE =
      Setting.duration(
          "presence-grace",
          Duration.ofSeconds(5),
          Duration.ZERO,
          s -> s.messaging().presenceGrace(),
          "how long after the last device leaves a user is reported offline");

  public static final Setting<Duration> EDIT_WINDOW =
      Setting.duration(
          "edit-window",
          Duration.ofHours(48),
          Duration.ZERO,
          s -> s.messaging().editWindow(),
          "how long after sending its sender may edit a message");

  public static final Setting<Duration> DELETE_WINDOW =
      Setting.duration(
          "delete-window",
          Duration.ofHours(48),
          Duration.ZERO,
          s -> s.messaging().deleteWindow(),
          "how long after sending its sender may delete a message for everyone");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS =
      List.of(MAX_MESSAGE_CHARS, MAX_GROUP_SIZE, PRESENCE_GRACE, EDIT_WINDOW, DELETE_WINDOW);

  /**
   * @throws IllegalArgumentException naming the setting, for a value out of range
   */
  public MessagingSettings {
    MAX_MESSAGE_CHARS.check(maxMessageChars);
    MAX_GROUP_SIZE.check(maxGroupSize);
    PRESENCE_GRACE.check(presenceGrace);
    EDIT_WINDOW.check(editWindow);
    DELETE_WINDOW.check(deleteWindow);
  }

  static MessagingSettings from(Settings.Builder b) {
    return new MessagingSettings(
        b.get(MAX_MESSAGE_CHARS),
        b.get(MAX_GROUP_SIZE),
        b.get(PRESENCE_GRACE),
        b.get(EDIT_WINDOW),
        b.get(DELETE_WINDOW));
  }
}
