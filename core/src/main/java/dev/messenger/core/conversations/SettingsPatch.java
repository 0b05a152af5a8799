package dev.messenger.core.conversations;

import dev.messenger.core.MessengerException;
import dev.messenger.core.model.MemberSettings;

/**
 * A change to what a member keeps for itself (PROTOCOL.md section 5, {@code PATCH .../settings}):
 * with {@code setMute}, {@code mutedUntil} becomes the new value (ms since the epoch; null or 0
 * unmutes); {@code archived} is the new flag, or null to keep it. Immutable.
 *
 * @throws MessengerException {@code bad_request} if it changes nothing or {@code mutedUntil} is
 *     negative
 */
public record SettingsPatch(boolean setMute, Long mutedUntil, Boolean archived) {
  public SettingsPatch {
    if (!setMute && archived == null) {
      throw MessengerException.badRequest("give mutedUntil or archived");
    }
    if (mutedUntil != null && mutedUntil < 0) {
      throw MessengerException.badRequest("mutedUntil must be a ts >= 0 or null");
    }
  }

  /** {@code s} with this patch applied. */
  public MemberSettings apply(MemberSettings s) {
    long muted = setMute ? (mutedUntil == null ? 0 : mutedUntil) : s.mutedUntil();
    boolean arch = archived == null ? s.archived() : archived;
    return new MemberSettings(muted, arch, s.clearedSeq());
  }
}
