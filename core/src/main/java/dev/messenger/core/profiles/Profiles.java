package dev.messenger.core.profiles;

import dev.messenger.core.Futures;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.accounts.User;
import dev.messenger.core.accounts.UserLifecycleStore;
import dev.messenger.core.media.Media;
import dev.messenger.core.media.MediaInfo;
import java.util.concurrent.CompletableFuture;

/**
 * Profile edits (PROTOCOL.md section 8, {@code PATCH /api/v1/users/me}): the display name and the
 * avatar, a media id of an image the caller may read (its own upload, or one it was sent). Once
 * set, the avatar is readable by every user who can look the user up (the media catalog's rule).
 * Thread- safe; blocks on the store; failures are {@link MessengerException}s in the future ({@code
 * bad_request} for a display name outside 1-64 characters or media that is not an image, {@code
 * not_found} for media the caller may not read).
 */
public final class Profiles {
  /**
   * One edit: a null {@code displayName} leaves it; {@code avatarGiven} false leaves the avatar,
   * true sets it to {@code avatar} (null: removes it).
   */
  public record Change(String displayName, boolean avatarGiven, String avatar) {}

  private final Accounts accounts;
  private final UserLifecycleStore lifecycle;
  private final Media media;

  public Profiles(Accounts accounts, UserLifecycleStore lifecycle, Media media) {
    this.accounts = accounts;
    this.lifecycle = lifecycle;
    this.media = media;
  }

  /** Applies the change; the future holds the user as it is afterwards. */
  public CompletableFuture<User> update(Caller caller, Change change) {
    return Futures.attempt(
        () -> {
          User u = accounts.user(caller.userId());
          String display =
              change.displayName() == null
                  ? u.displayName()
                  : Accounts.validDisplayName(change.displayName(), null);
          String avatar = change.avatarGiven() ? change.avatar() : u.avatar();
          if (change.avatarGiven() && avatar != null) {
            MediaInfo m = media.readable(caller.userId(), avatar);
            if (!m.mime().startsWith("image/")) {
              throw MessengerException.badRequest("the avatar must be an image");
            }
          }
          return lifecycle
              .setProfile(u.id(), display, avatar)
              .thenApply(v -> accounts.user(u.id()));
        });
  }
}
