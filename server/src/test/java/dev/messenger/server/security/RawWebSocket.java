package dev.messenger.server.security;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A bare RFC 6455 client over a plain socket, for what the JDK client refuses to send: binary
 * garbage, text frames that are not UTF-8, fragments, odd upgrade requests. Blocking, one thread at
 * a time; {@link #close()} always releases the socket.
 */
final class RawWebSocket implements AutoCloseable {
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CONTINUATION = 0x0;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** A frame from the server; for a close frame, {@link #closeCode()} is its status. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }
  }

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** The answer to an upgrade request: the status and, when it is 101, the open socket. */
  record Upgrade(int status, RawWebSocket socket) {}

  /**
   * Sends an upgrade request for {@code pathAndQuery} (sent as it is) with extra headers; returns
   * the status and, on 101, an open socket (otherwise the connection is closed).
   */
  static Upgrade open(URI base, String pathAndQuery, Map<String, String> headers)
      throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
    s.setSoTimeout(10_000);
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    StringBuilder req = new StringBuilder();
    req.append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n");
    req.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
    req.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
    req.append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce));
    req.append("\r\nSec-WebSocket-Version: 13\r\n");
    headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    req.append("\r\n");
    s.getOutputStream().write(req.toString().getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
    InputStream is = s.getInputStream();
    String status = headerLine(is);
    if (status == null) {
      s.close();
      return new Upgrade(-1, null);
    }
    int code = Integer.parseInt(status.split(" ", 3)[1]);
    for (String l = headerLine(is); l != null && !l.isEmpty(); l = headerLine(is)) {
      // headers: not needed
    }
    if (code != 101) {
      s.close();
      return new Upgrade(code, null);
    }
    return new Upgrade(101, new RawWebSocket(s));
  }

  /** Sends one frame, masked as a client must. */
  void send(int opcode, byte[] payload, boolean fin) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write((fin ? 0x80 : 0) | opcode);
    int n = payload.length;
    if (n < 126) {
      f.write(0x80 | n);
    } else if (n <= 0xffff) {
      f.write(0x80 | 126);
      f.write(n >>> 8);
      f.write(n);
    } else {
      f.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) (((long) n) >>> (8 * i)));
      }
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    f.write(mask);
    for (int i = 0; i < n; i++) {
      f.write(payload[i] ^ mask[i & 3]);
    }
    out.write(f.toByteArray());
    out.flush();
  }

  void sendText(String text) throws IOException {
    send(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
  }

  /** The next frame from the server, or null when it closed the TCP connection or timed out. */
  Frame read(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    try {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      int b1 = in.readUnsignedByte();
      long n = b1 & 0x7f;
      if (n == 126) {
        n = in.readUnsignedShort();
      } else if (n == 127) {
        n = in.readLong();
      }
      byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
      byte[] payload = in.readNBytes((int) n);
      if (mask != null) {
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
      }
      return new Frame(b0 & 0x0f, payload);
    } catch (SocketTimeoutException e) {
      return null;
    } catch (java.io.EOFException | java.net.SocketException e) {
      return null;
    }
  }

  /**
   * Reads frames until a text frame containing {@code marker} or a close frame arrives; returns it,
   * or null on timeout or TCP close. Text frames before it are handed to {@code seen}.
   */
  Frame readUntil(String marker, int timeoutMillis, java.util.function.Consumer<Frame> seen)
      throws IOException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      Frame f = read((int) Math.max(1, deadline - System.currentTimeMillis()));
      if (f == null) {
        return null;
      }
      if (f.opcode() == CLOSE || (f.opcode() == TEXT && f.text().contains(marker))) {
        return f;
      }
      seen.accept(f);
    }
    return null;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static String headerLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }
}
