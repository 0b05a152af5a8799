package dev.messenger.server.media;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 section 14), resolved against the length
 * of the content: {@code bytes=0-99}, {@code bytes=100-} or {@code bytes=-100}. Immutable.
 *
 * @param offset first byte, from 0
 * @param length number of bytes, >= 1
 */
public record ByteRange(long offset, long length) {

  /** What a {@code Range} header asks for. */
  public sealed interface Request {}

  /** No usable range: send the whole content (header absent, not bytes, or several ranges). */
  public record Whole() implements Request {}

  /** A range to send with 206. */
  public record Partial(ByteRange range) implements Request {}

  /** A well-formed range outside the content: 416. */
  public record Unsatisfiable() implements Request {}

  /** The last byte's offset. */
  public long last() {
    return offset + length - 1;
  }

  /** The {@code Content-Range} value for content of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + offset + "-" + last() + "/" + size;
  }

  /**
   * Parses a {@code Range} header for content of {@code size} bytes. Malformed headers and
   * multi-range requests are ignored (the whole content is sent), as RFC 9110 allows.
   */
  public static Request parse(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String h = header.trim();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
      return new Whole();
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    String a = spec.substring(0, dash).trim();
    String b = spec.substring(dash + 1).trim();
    try {
      if (a.isEmpty()) {
        if (b.isEmpty()) {
          return new Whole();
        }
        long suffix = Long.parseLong(b);
        if (suffix <= 0 || size == 0) {
          return new Unsatisfiable();
        }
        long n = Math.min(suffix, size);
        return new Partial(new ByteRange(size - n, n));
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
      if (first < 0 || last < first) {
        return new Whole();
      }
      if (first >= size) {
        return new Unsatisfiable();
      }
      last = Math.min(last, size - 1);
      return new Partial(new ByteRange(first, last - first + 1));
    } catch (NumberFormatException e) {
      return new Whole();
    }
  }
}
