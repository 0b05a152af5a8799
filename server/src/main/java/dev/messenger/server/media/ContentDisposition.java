package dev.messenger.server.media;

import java.nio.charset.StandardCharsets;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * The {@code Content-Disposition} of a media download (PROTOCOL.md "Media", RFC 6266 with the RFC
 * 5987 {@code filename*} parameter): pictures, audio and video are {@code inline} (a browser shows
 * or plays them), everything else (PDF) is an {@code attachment} to save. The file name is the
 * upload's name, or the media id with the extension of its type when it had none; it travels as
 * UTF-8 in {@code filename*} and, for old clients, as an ASCII approximation in {@code filename}.
 * Stateless and thread-safe.
 */
public final class ContentDisposition {
  private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();

  private ContentDisposition() {}

  /**
   * The header value.
   *
   * @param mime the media's detected type
   * @param name the upload's file name, or null
   * @param id the media id (the fallback name)
   */
  public static String of(String mime, String name, String id) {
    String type =
        mime.startsWith("image/") || mime.startsWith("audio/") || mime.startsWith("video/")
            ? "inline"
            : "attachment";
    String file = name != null ? name : id + extension(mime);
    return type + "; filename=\"" + ascii(file) + "\"; filename*=UTF-8''" + encode(file);
  }

  /** {@code .pdf}, {@code .png}, ... for a type; empty when Tika knows none. */
  static String extension(String mime) {
    try {
      return TIKA.forName(mime).getExtension();
    } catch (MimeTypeException e) {
      return "";
    }
  }

  /** RFC 5987 {@code value-chars}: attr-chars as they are, every other UTF-8 byte as %XX. */
  static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }

  /**
   * The name in printable ASCII for the quoted {@code filename}: others, {@code "} and {@code \}
   * become {@code _}.
   */
  static String ascii(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(c -> b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    return b.toString();
  }
}
