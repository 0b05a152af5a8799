package dev.messenger.core.media;

import java.util.Locale;
import java.util.Set;

/**
 * Which detected content types may be uploaded (PROTOCOL.md "Media": images, audio, video, PDF).
 * The type must come from the content (magic bytes), which the edge detects; this class only
 * decides. SVG is refused: it is an image that can carry script. Stateless and thread-safe.
 */
public final class MediaTypes {
  private static final Set<String> REFUSED_IMAGES = Set.of("image/svg+xml");

  private MediaTypes() {}

  /** True for {@code image/*} (but SVG), {@code audio/*}, {@code video/*} and PDF. */
  public static boolean allowed(String mime) {
    if (mime == null) {
      return false;
    }
    String m = base(mime);
    if (REFUSED_IMAGES.contains(m)) {
      return false;
    }
    return m.startsWith("image/")
        || m.startsWith("audio/")
        || m.startsWith("video/")
        || m.equals("application/pdf");
  }

  /** True for the types that can be played with HTTP Range requests (audio and video). */
  public static boolean playable(String mime) {
    String m = base(mime);
    return m.startsWith("audio/") || m.startsWith("video/");
  }

  /**
   * The type without parameters, lower case: {@code "Audio/OGG; codecs=x"} is {@code audio/ogg}.
   */
  public static String base(String mime) {
    int semi = mime.indexOf(';');
    return (semi < 0 ? mime : mime.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
