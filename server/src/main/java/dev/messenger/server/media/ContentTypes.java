package dev.messenger.server.media;

import dev.messenger.core.media.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Detects the type of an upload from its content (magic bytes) with Apache Tika's {@link MimeTypes}
 * (PROTOCOL.md "Media"). The declared {@code Content-Type} only refines what the bytes say (e.g. an
 * MP4 container declared {@code audio/mp4}, a WebM one declared {@code audio/webm}); it never
 * replaces it, so a text file sent as {@code image/png} is still text. Stateless and thread-safe;
 * reads at most the first few KiB of the file.
 */
public final class ContentTypes {
  private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();
  private static final MediaTypeRegistry REGISTRY = TIKA.getMediaTypeRegistry();
  private static final java.util.Set<String> MATROSKA =
      java.util.Set.of("video/webm", "video/x-matroska", "application/x-matroska");

  private ContentTypes() {}

  /**
   * The type of the file's content, lower case without parameters; {@code application/octet-stream}
   * when the bytes say nothing.
   *
   * @param declared the request's {@code Content-Type}, or null
   */
  public static String detect(Path file, String declared) throws IOException {
    MediaType magic = detect(file, new Metadata());
    String type = normalize(magic);
    if (type.equals("video/quicktime") && !quickTimeBrand(file)) {
      // Tika calls every ISO base media file without a brand it knows QuickTime; "isom", "iso2",
      // "avc1", "dash" ... files (ffmpeg's default) are MP4.
      type = "video/mp4";
    }
    if (declared == null || declared.isBlank()) {
      return type;
    }
    String hinted = MediaTypes.base(declared);
    if (type.equals("video/mp4") && hinted.equals("audio/mp4")) {
      return hinted;
    }
    if (MATROSKA.contains(type) && (hinted.equals("audio/webm") || hinted.equals("video/webm"))) {
      // WebM is Matroska; Tika calls a browser's MediaRecorder output (a voice message: Opus in
      // WebM, declared audio/webm) application/x-matroska.
      return hinted;
    }
    Metadata hint = new Metadata();
    hint.set(Metadata.CONTENT_TYPE, declared);
    MediaType refined = detect(file, hint);
    if (!refined.equals(magic)
        && REGISTRY.isSpecializationOf(refined, magic)
        && MediaTypes.allowed(refined.getBaseType().toString())) {
      return normalize(refined);
    }
    return type;
  }

  /** True if the file's {@code ftyp} box names QuickTime ({@code qt }) as its major brand. */
  private static boolean quickTimeBrand(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(12);
      return head.length == 12
          && new String(head, 4, 8, StandardCharsets.ISO_8859_1).equals("ftypqt  ");
    }
  }

  private static MediaType detect(Path file, Metadata metadata) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return TIKA.detect(in, metadata);
    }
  }

  /**
   * The base type, with Tika's names for a few formats mapped to what browsers expect ({@code
   * audio/vnd.wave} is {@code audio/wav}, an Ogg stream with Vorbis or Opus is {@code audio/ogg}).
   */
  private static String normalize(MediaType t) {
    String base = MediaTypes.base(t.getBaseType().toString());
    return switch (base) {
      case "audio/vnd.wave", "audio/x-wav", "audio/wave" -> "audio/wav";
      case "audio/vorbis", "audio/opus", "audio/x-oggflac", "audio/x-oggpcm" -> "audio/ogg";
      case "video/theora", "video/x-ogm", "video/x-oggrgb", "video/x-oggyuv" -> "video/ogg";
      case "audio/x-flac" -> "audio/flac";
      case "video/x-m4v" -> "video/mp4";
      default -> base;
    };
  }
}
