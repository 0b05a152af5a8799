package dev.messenger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The HTTP side of the protocol (PROTOCOL.md section 2) and the factory of {@link ChatSocket}s.
 * Paths are under {@code /api/v1} of the base URI, e.g. {@code http://127.0.0.1:8080}.
 *
 * <p>Immutable and thread-safe: {@link #withToken} returns a copy that shares the underlying {@link
 * HttpClient} (HTTP/1.1, 10 s connect timeout, 30 s per request). Calls block the calling thread.
 *
 * <p>Every method that talks to the server throws {@link ApiException} for a non-2xx answer, {@link
 * UncheckedIOException} when the server cannot be reached, and {@link IllegalStateException} when
 * the thread is interrupted (the interrupt flag is kept). Methods that need a login answer 401
 * {@code unauthorized} when the client has no token.
 */
public final class MessengerClient {
  /** How long a connection may take to open, and {@link #connect()} to see {@code ready}. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How long one HTTP request may take. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final String API = "/api/v1";

  private final URI baseUri;
  private final HttpClient http;
  private final String token;

  /**
   * A client without a token.
   *
   * @param baseUri the server, e.g. {@code http://127.0.0.1:8080}; a path prefix is kept
   */
  public MessengerClient(URI baseUri) {
    this(baseUri, newHttp(null), null);
  }

  /**
   * A client without a token whose TLS connections ({@code https://}, {@code wss://}) trust what
   * {@code ssl} trusts, e.g. a private CA or a self-signed certificate; host names are still
   * checked.
   *
   * @param baseUri the server, e.g. {@code https://chat.example.org}
   */
  public MessengerClient(URI baseUri, SSLContext ssl) {
    this(baseUri, newHttp(ssl), null);
  }

  private static HttpClient newHttp(SSLContext ssl) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT);
    return (ssl == null ? b : b.sslContext(ssl)).build();
  }

  private MessengerClient(URI baseUri, HttpClient http, String token) {
    if (baseUri == null || baseUri.getScheme() == null || baseUri.getHost() == null) {
      throw new IllegalArgumentException("base URI needs a scheme and a host: " + baseUri);
    }
    this.baseUri = baseUri;
    this.http = http;
    this.token = token;
  }

  /** A copy that sends {@code token} (null: none) as {@code Authorization: Bearer}. */
  public MessengerClient withToken(String token) {
    return new MessengerClient(baseUri, http, token);
  }

  /** The bearer token, or null. */
  public String token() {
    return token;
  }

  /** The server's base URI. */
  public URI baseUri() {
    return baseUri;
  }

  /** Registers an account; {@code displayName} may be null. */
  public UserView register(String username, String password, String displayName) {
    ObjectNode body = Json.object().put("username", username).put("password", password);
    if (displayName != null) {
      body.put("displayName", displayName);
    }
    return UserView.fromJson(call("POST", "/users", body));
  }

  /** Logs in as a new device; {@code deviceName} may be null. Does not change this client. */
  public LoginResult login(String username, String password, String deviceName) {
    ObjectNode body = Json.object().put("username", username).put("password", password);
    if (deviceName != null) {
      body.put("deviceName", deviceName);
    }
    return LoginResult.fromJson(call("POST", "/sessions", body));
  }

  /** Logs in and returns a copy of this client carrying the new token. */
  public MessengerClient loginAs(String username, String password) {
    return withToken(login(username, password, null).token());
  }

  /** Revokes this client's token ({@code DELETE /sessions/current}). */
  public void logout() {
    call("DELETE", "/sessions/current", null);
  }

  /** The user with {@code id}; 404 {@code not_found} if none. */
  public UserView user(String id) {
    return UserView.fromJson(call("GET", "/users/" + segment(id), null));
  }

  /** The user named {@code username}; 404 {@code not_found} if none. */
  public UserView userByUsername(String username) {
    return UserView.fromJson(call("GET", "/users?username=" + segment(username), null));
  }

  /** Adds {@code userId} to the caller's contacts. */
  public void addContact(String userId) {
    call("PUT", "/contacts/" + segment(userId), null);
  }

  /** Removes {@code userId} from the caller's contacts. */
  public void removeContact(String userId) {
    call("DELETE", "/contacts/" + segment(userId), null);
  }

  /** The caller's contacts, with presence where visible. */
  public List<ContactView> contacts() {
    return Json.list(call("GET", "/contacts", null), "contacts", ContactView::fromJson);
  }

  /** Presence of those of {@code userIds} visible to the caller; no request when it is empty. */
  public List<PresenceView> presence(Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return List.of();
    }
    StringJoiner ids = new StringJoiner(",");
    userIds.forEach(id -> ids.add(segment(id)));
    return Json.list(
        call("GET", "/presence?userIds=" + ids, null), "presence", PresenceView::fromJson);
  }

  /** The direct conversation with {@code userId}, created if needed. */
  public ConversationView openDirect(String userId) {
    ObjectNode body = Json.object().put("kind", "direct").put("userId", userId);
    return ConversationView.fromJson(call("POST", "/conversations", body));
  }

  /** Creates a group with the caller as admin and {@code memberIds} as members. */
  public ConversationView createGroup(String name, List<String> memberIds) {
    ObjectNode body = Json.object().put("kind", "group").put("name", name);
    memberIds.forEach(body.putArray("memberIds")::add);
    return ConversationView.fromJson(call("POST", "/conversations", body));
  }

  /** The caller's conversations, most recently active first. */
  public List<ConversationView> conversations() {
    return Json.list(
        call("GET", "/conversations", null), "conversations", ConversationView::fromJson);
  }

  /** One conversation's summary. */
  public ConversationView conversation(String id) {
    return ConversationView.fromJson(call("GET", "/conversations/" + segment(id), null));
  }

  /** Renames a group (admins only). */
  public ConversationView rename(String conversationId, String name) {
    ObjectNode body = Json.object().put("name", name);
    return ConversationView.fromJson(
        call("PATCH", "/conversations/" + segment(conversationId), body));
  }

  /** Adds a member to a group (admins only). */
  public void addMember(String conversationId, String userId) {
    ObjectNode body = Json.object().put("userId", userId);
    call("POST", "/conversations/" + segment(conversationId) + "/members", body);
  }

  /** Removes a member (admins), or leaves when {@code userId} is the caller. */
  public void removeMember(String conversationId, String userId) {
    call(
        "DELETE",
        "/conversations/" + segment(conversationId) + "/members/" + segment(userId),
        null);
  }

  /** Posts a text message; the answer is the stored message (or the original on a repeat). */
  public MessageView postMessage(String conversationId, String clientId, String body) {
    return messages().post(OutgoingMessage.text(conversationId, clientId, body));
  }

  /**
   * Posts a message with attachments (media ids from {@link #uploadMedia}); {@code body} may be
   * empty when there is at least one.
   */
  public MessageView postMessage(
      String conversationId, String clientId, String body, List<String> attachments) {
    return messages()
        .post(OutgoingMessage.text(conversationId, clientId, body).withAttachments(attachments));
  }

  /**
   * Uploads a file's bytes ({@code POST /media}); the server detects the type from the content, and
   * {@code contentType} (may be null) only refines it.
   */
  public MediaView uploadMedia(Path file, String contentType) {
    return uploadMedia(file, contentType, null);
  }

  /**
   * As {@link #uploadMedia(Path, String)}, keeping {@code name} (null: none) as the media's file
   * name ({@code ?name=}; the server refuses control characters, {@code /} and over 255 characters
   * with {@code bad_request}).
   */
  public MediaView uploadMedia(Path file, String contentType, String name) {
    try {
      return uploadMedia(HttpRequest.BodyPublishers.ofFile(file), contentType, name);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Uploads bytes ({@code POST /media}); see {@link #uploadMedia(Path, String)}. */
  public MediaView uploadMedia(byte[] bytes, String contentType) {
    return uploadMedia(HttpRequest.BodyPublishers.ofByteArray(bytes), contentType, null);
  }

  /** Uploads bytes with a file name; see {@link #uploadMedia(Path, String, String)}. */
  public MediaView uploadMedia(byte[] bytes, String contentType, String name) {
    return uploadMedia(HttpRequest.BodyPublishers.ofByteArray(bytes), contentType, name);
  }

  private MediaView uploadMedia(HttpRequest.BodyPublisher body, String contentType, String name) {
    String q = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(stripSlash(baseUri.toString()) + API + "/media" + q))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", contentType == null ? "application/octet-stream" : contentType)
            .POST(body);
    return MediaView.fromJson(Json.parse(new String(send(req), StandardCharsets.UTF_8)));
  }

  /** The bytes of a media object ({@code GET /media/{id}}, or its thumbnail). */
  public byte[] downloadMedia(String mediaId, boolean thumbnail) {
    String q = thumbnail ? "?thumb=1" : "";
    return send(
        HttpRequest.newBuilder(
                URI.create(stripSlash(baseUri.toString()) + API + "/media/" + segment(mediaId) + q))
            .timeout(REQUEST_TIMEOUT)
            .GET());
  }

  private byte[] send(HttpRequest.Builder req) {
    return HttpCalls.bytes(http, token, req);
  }

  /** The server's VAPID public key (base64url), for {@code PushManager.subscribe}. */
  public String vapidPublicKey() {
    return Json.text(call("GET", "/push/vapid-public-key", null), "key");
  }

  /** Sets this device's Web Push subscription ({@code PUT /devices/current/push}). */
  public void setPush(String endpoint, String p256dh, String auth) {
    ObjectNode body = Json.object().put("type", "webpush").put("endpoint", endpoint);
    body.putObject("keys").put("p256dh", p256dh).put("auth", auth);
    call("PUT", "/devices/current/push", body);
  }

  /** Removes this device's Web Push subscription. */
  public void clearPush() {
    call("DELETE", "/devices/current/push", null);
  }

  /** One message, its changes, and the caller's own settings (PROTOCOL.md sections 4 and 5). */
  public MessageApi messages() {
    return new MessageApi(this);
  }

  /** Search and history around a message (PROTOCOL.md section 7). */
  public SearchApi search() {
    return new SearchApi(this);
  }

  /** A page of history; null arguments are left out (default: the newest 50). */
  public HistoryPage history(String conversationId, Long before, Long after, Integer limit) {
    List<String> query = new ArrayList<>();
    if (before != null) {
      query.add("before=" + before);
    }
    if (after != null) {
      query.add("after=" + after);
    }
    if (limit != null) {
      query.add("limit=" + limit);
    }
    String path = "/conversations/" + segment(conversationId) + "/messages";
    if (!query.isEmpty()) {
      path += "?" + String.join("&", query);
    }
    return HistoryPage.fromJson(call("GET", path, null));
  }

  /**
   * Any request. {@code path} is used as it is when it is an absolute URI or starts with {@code
   * /api/}, {@code /health} or {@code /ws}; any other path is relative to {@code /api/v1} (so
   * {@code /users/x} and {@code /api/v1/users/x} are the same). The body is sent unchanged, with
   * {@code Content-Type: application/json}, so that it may be malformed on purpose.
   *
   * @return the parsed answer (a {@code TextNode} if it is not JSON), or null for an empty body
   * @throws ApiException for a non-2xx answer
   */
  public JsonNode rawRequest(String method, String path, String jsonBodyOrNull) {
    return exchange(method, resolve(path), jsonBodyOrNull);
  }

  /**
   * Opens a WebSocket to {@code /ws} with this client's token and returns once the {@code ready}
   * frame arrived (at most {@link #CONNECT_TIMEOUT}).
   *
   * @throws ApiException when the upgrade is refused, e.g. 401 {@code unauthorized}
   * @throws IllegalStateException when {@code ready} does not arrive in time or the socket closes
   *     first
   */
  public ChatSocket connect() {
    return connect(null);
  }

  /** {@link #connect()}, with {@code listener} called for every incoming frame from the first. */
  public ChatSocket connect(ChatSocket.Listener listener) {
    return connect(listener, null);
  }

  /**
   * {@link #connect()} with a typed {@code listener} and a raw-frame observer {@code rawFrames}
   * (either may be null). {@code rawFrames} gets every incoming frame as JSON from {@code ready}
   * on, on the socket's reading thread, in arrival order, before the listener; what it throws is
   * logged and ignored. It is the hook a frame recorder is built on (the client test-jar's {@code
   * RecordingSocket}); it must not block.
   *
   * @throws ApiException as {@link #connect()}
   * @throws IllegalStateException as {@link #connect()}
   */
  public ChatSocket connect(ChatSocket.Listener listener, Consumer<JsonNode> rawFrames) {
    return SocketOpener.open(
        http, webSocketUri(baseUri), token, listener, rawFrames, CONNECT_TIMEOUT);
  }

  /** {@code ws://} or {@code wss://} for the base URI, with {@code /ws} appended to its path. */
  static URI webSocketUri(URI base) {
    String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
    String rest = base.toString().substring(base.getScheme().length());
    return URI.create(scheme + stripSlash(rest) + "/ws");
  }

  /** The URI of {@code path} as {@link #rawRequest} explains. */
  URI resolve(String path) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return URI.create(path);
    }
    String p = path.startsWith("/") ? path : "/" + path;
    boolean asIs = p.startsWith("/api/") || p.startsWith("/health") || p.startsWith("/ws");
    return URI.create(stripSlash(baseUri.toString()) + (asIs ? "" : API) + p);
  }

  /** {@code method} on {@code /api/v1} + {@code apiPath}; the parsed answer, null when empty. */
  JsonNode call(String method, String apiPath, JsonNode body) {
    return exchange(
        method,
        URI.create(stripSlash(baseUri.toString()) + API + apiPath),
        body == null ? null : Json.write(body));
  }

  private JsonNode exchange(String method, URI uri, String body) {
    return HttpCalls.json(http, token, method, uri, body, REQUEST_TIMEOUT);
  }

  /** {@code value} percent-encoded as one path segment or query value (UTF-8). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
