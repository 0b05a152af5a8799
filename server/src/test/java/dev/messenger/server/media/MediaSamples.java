package dev.messenger.server.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;

/** Tiny valid files of each kind the media tests upload, made in memory. */
public final class MediaSamples {
  private MediaSamples() {}

  /** A PNG of the given size with a colour gradient (so it does not compress to nothing). */
  public static byte[] png(int width, int height) {
    return image(width, height, "png", BufferedImage.TYPE_INT_ARGB);
  }

  public static byte[] jpeg(int width, int height) {
    return image(width, height, "jpg", BufferedImage.TYPE_INT_RGB);
  }

  private static byte[] image(int width, int height, String format, int type) {
    BufferedImage img = new BufferedImage(width, height, type);
    Graphics2D g = img.createGraphics();
    for (int x = 0; x < width; x += 8) {
      g.setColor(new Color((x * 7) % 256, (x * 3) % 256, 200));
      g.fillRect(x, 0, 8, height);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A one-page PDF with no content. */
  public static byte[] pdf() {
    String body =
        "%PDF-1.4\n"
            + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >> endobj\n"
            + "trailer << /Root 1 0 R >>\n%%EOF\n";
    return body.getBytes(StandardCharsets.US_ASCII);
  }

  /** A WAV file: RIFF header, PCM fmt chunk, {@code samples} 16-bit mono samples of noise. */
  public static byte[] wav(int samples) {
    ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
    b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    byte[] noise = new byte[samples * 2];
    new Random(1).nextBytes(noise);
    b.put(noise);
    return b.array();
  }

  /** An MP4: an {@code ftyp} box (brand isom) and an {@code mdat} box of {@code n} bytes. */
  public static byte[] mp4(int n) {
    ByteBuffer b = ByteBuffer.allocate(24 + 8 + n);
    b.putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII));
    b.put("isom".getBytes(StandardCharsets.US_ASCII)).putInt(512);
    b.put("isommp41".getBytes(StandardCharsets.US_ASCII));
    b.putInt(8 + n).put("mdat".getBytes(StandardCharsets.US_ASCII));
    byte[] data = new byte[n];
    new Random(2).nextBytes(data);
    b.put(data);
    return b.array();
  }

  /** An Ogg page holding a Vorbis identification header. */
  public static byte[] oggVorbis() {
    ByteBuffer id = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    id.put((byte) 1).put("vorbis".getBytes(StandardCharsets.US_ASCII));
    id.putInt(0).put((byte) 1).putInt(44100).putInt(0).putInt(128000).putInt(0);
    id.put((byte) 0xB8).put((byte) 1);
    ByteBuffer b = ByteBuffer.allocate(28 + 30).order(ByteOrder.LITTLE_ENDIAN);
    b.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 2);
    b.putLong(0).putInt(1).putInt(0).putInt(0).put((byte) 1).put((byte) 30);
    b.put(id.array());
    return b.array();
  }

  /** An MP3: an ID3v2 tag followed by MPEG-1 layer III frame headers. */
  public static byte[] mp3() {
    ByteBuffer b = ByteBuffer.allocate(10 + 4 * 417);
    b.put("ID3".getBytes(StandardCharsets.US_ASCII)).put(new byte[] {3, 0, 0, 0, 0, 0, 0});
    for (int i = 0; i < 4; i++) {
      b.put(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64});
      b.put(new byte[413]);
    }
    return b.array();
  }

  /** A Windows executable header. */
  public static byte[] exe() {
    byte[] b = new byte[512];
    b[0] = 'M';
    b[1] = 'Z';
    b[0x3c] = (byte) 0x80;
    b[0x80] = 'P';
    b[0x81] = 'E';
    return b;
  }

  public static byte[] text() {
    return "hello, this is plain text and not a picture\n"
        .repeat(10)
        .getBytes(StandardCharsets.UTF_8);
  }
}
