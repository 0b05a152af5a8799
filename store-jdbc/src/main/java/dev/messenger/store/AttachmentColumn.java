package dev.messenger.store;

import dev.messenger.core.model.Attachment;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code messages.attachments}: one entry per media object, {@code id;mime;size;sha256}
 * or {@code id;mime;size;sha256;name} with the file name percent-encoded (UTF-8), joined by {@code
 * ,} (ids, types, hex digests and encoded names contain neither separator). An entry with the id
 * alone (the V1 format, never written) reads as {@code application/octet-stream} of size 0.
 * Stateless.
 */
final class AttachmentColumn {
  private AttachmentColumn() {}

  /** The column value, or null when there are none. */
  static String encode(List<Attachment> attachments) {
    if (attachments.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (Attachment a : attachments) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(a.id()).append(';').append(a.mime()).append(';').append(a.size()).append(';');
      b.append(a.sha256());
      if (a.name() != null) {
        b.append(';').append(URLEncoder.encode(a.name(), StandardCharsets.UTF_8));
      }
    }
    return b.toString();
  }

  /** The media objects of a column value (null or empty: none). */
  static List<Attachment> decode(String column) {
    if (column == null || column.isEmpty()) {
      return List.of();
    }
    List<Attachment> out = new ArrayList<>();
    for (String entry : column.split(",")) {
      String[] f = entry.split(";", -1);
      if (f.length == 5) {
        out.add(
            new Attachment(
                f[0],
                f[1],
                Long.parseLong(f[2]),
                f[3],
                URLDecoder.decode(f[4], StandardCharsets.UTF_8)));
      } else if (f.length == 4) {
        out.add(new Attachment(f[0], f[1], Long.parseLong(f[2]), f[3]));
      } else {
        out.add(new Attachment(f[0], "application/octet-stream", 0, ""));
      }
    }
    return out;
  }
}
