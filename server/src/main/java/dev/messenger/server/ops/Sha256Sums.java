package dev.messenger.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The SHA-256 of each entry written to a backup zip, kept as {@code sha256sum} text ({@code HEX
 * name} lines), so a backup can also be checked by hand after {@code unzip}. Not thread-safe.
 */
final class Sha256Sums {
  private final Map<String, String> sums = new LinkedHashMap<>();

  /** Adds the file as entry {@code name}. */
  void add(ZipOutputStream zip, String name, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = sha256();
      zip.putNextEntry(new ZipEntry(name));
      new DigestInputStream(in, sha).transferTo(zip);
      zip.closeEntry();
      sums.put(name, HexFormat.of().formatHex(sha.digest()));
    }
  }

  /** Adds {@code text} as entry {@code name}. */
  void addText(ZipOutputStream zip, String name, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
    sums.put(name, HexFormat.of().formatHex(sha256().digest(bytes)));
  }

  /** The {@code sha256sum} text of every entry added. */
  String text() {
    StringBuilder b = new StringBuilder();
    sums.forEach((name, hex) -> b.append(hex).append("  ").append(name).append('\n'));
    return b.toString();
  }

  /** Parses {@code sha256sum} text into name to hex. */
  static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        int sp = line.indexOf("  ");
        if (sp != 64) {
          throw new IllegalArgumentException("not a SHA256SUMS line: " + line);
        }
        out.put(line.substring(sp + 2), line.substring(0, sp));
      }
    }
    return out;
  }

  /** The SHA-256 of a file, as lower-case hex. */
  static String of(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** {@code properties} as text, without the date comment. */
  static String properties(Properties properties) throws IOException {
    StringWriter w = new StringWriter();
    properties.store(w, "Messenger backup");
    return w.toString();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
