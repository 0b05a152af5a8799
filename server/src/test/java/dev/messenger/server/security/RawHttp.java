package dev.messenger.server.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over a plain socket, for security tests: any method, the path bytes
 * exactly as given (so it may hold broken percent escapes or {@code ..}), any headers, any body
 * bytes, and the answer exactly as the server wrote it. Unlike {@code MessengerClient} it never
 * invents an error code for a body that has none. One connection per request ({@code Connection:
 * close}). Thread-safe.
 */
final class RawHttp {
  private static final int TIMEOUT_MILLIS = 10_000;

  private final String host;
  private final int port;

  RawHttp(URI base) {
    this.host = base.getHost();
    this.port = base.getPort();
  }

  /** An answer: status, headers (first value of each, lower-case names) and the body text. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + Shorten.of(body, 300);
    }
  }

  /** A request under construction. */
  static final class Request {
    final String method;
    final String path;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body;

    Request(String method, String path) {
      this.method = method;
      this.path = path;
    }

    Request bearer(String token) {
      if (token != null) {
        headers.put("Authorization", "Bearer " + token);
      }
      return this;
    }

    Request header(String name, String value) {
      if (value != null) {
        headers.put(name, value);
      }
      return this;
    }

    Request json(String text) {
      if (text != null) {
        body = text.getBytes(StandardCharsets.UTF_8);
        headers.putIfAbsent("Content-Type", "application/json");
      }
      return this;
    }

    Request bytes(byte[] b) {
      body = b;
      return this;
    }

    @Override
    public String toString() {
      String b =
          body == null ? "" : " body=" + Shorten.of(new String(body, StandardCharsets.UTF_8), 120);
      return method + " " + Shorten.of(path, 160) + " headers=" + headersShown() + b;
    }

    private String headersShown() {
      Map<String, String> shown = new LinkedHashMap<>();
      headers.forEach((k, v) -> shown.put(k, Shorten.of(v, 40)));
      return shown.toString();
    }
  }

  static Request request(String method, String path) {
    return new Request(method, path);
  }

  /** Sends the request and returns the answer; never throws for an HTTP status. */
  Response send(Request r) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      s.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = s.getOutputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      write(head, r.method + " " + r.path + " HTTP/1.1\r\n");
      write(head, "Host: " + host + ":" + port + "\r\n");
      write(head, "Connection: close\r\n");
      for (Map.Entry<String, String> h : r.headers.entrySet()) {
        write(head, h.getKey() + ": " + h.getValue() + "\r\n");
      }
      if (r.body != null) {
        write(head, "Content-Length: " + r.body.length + "\r\n");
      }
      write(head, "\r\n");
      out.write(head.toByteArray());
      if (r.body != null) {
        out.write(r.body);
      }
      out.flush();
      return read(s.getInputStream(), "HEAD".equalsIgnoreCase(r.method));
    } catch (IOException e) {
      throw new UncheckedIOException(r + " failed: " + e, e);
    }
  }

  Response send(String method, String path, String token, String json) {
    return send(request(method, path).bearer(token).json(json));
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Response read(InputStream in, boolean head) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
      }
    }
    byte[] body;
    if (head || status == 204 || status == 304 || status < 200) {
      body = new byte[0];
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      if (sizeLine == null) {
        break;
      }
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
          // trailers: ignored
        }
        break;
      }
      out.write(in.readNBytes(size));
      line(in);
    }
    return out.toByteArray();
  }

  /** One CRLF-terminated line as ISO-8859-1, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int n =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }
}
