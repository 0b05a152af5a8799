package dev.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;

/**
 * The few HTTP calls of PROTOCOL.md section 2 the bench needs: register, log in, open a direct
 * conversation, create a group. Every call answers a {@link Future}; a status other than the
 * expected one fails it with the server's error body. Thread-safe.
 */
final class Api implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClientAgent http;
  private final String host;
  private final int port;

  /**
   * @param maxConnections size of the HTTP connection pool (bounds requests in flight)
   */
  Api(Vertx vertx, String host, int port, int maxConnections) {
    this.host = host;
    this.port = port;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1));
  }

  /** {@code POST /api/v1/users}; answers the new user's id. */
  Future<String> register(String username, String password) {
    ObjectNode b = JSON.createObjectNode().put("username", username).put("password", password);
    return call(HttpMethod.POST, "/api/v1/users", null, b, 201).map(j -> j.get("id").asText());
  }

  /** {@code POST /api/v1/sessions}: a new device; answers its token. */
  Future<String> login(String username, String password) {
    ObjectNode b =
        JSON.createObjectNode()
            .put("username", username)
            .put("password", password)
            .put("deviceName", "bench");
    return call(HttpMethod.POST, "/api/v1/sessions", null, b, 201)
        .map(j -> j.get("token").asText());
  }

  /** {@code POST /api/v1/conversations} kind direct; answers the conversation id. */
  Future<String> openDirect(Account caller, String peerUserId) {
    ObjectNode b = JSON.createObjectNode().put("kind", "direct").put("userId", peerUserId);
    return call(HttpMethod.POST, "/api/v1/conversations", caller.token(), b, -1)
        .map(j -> j.get("id").asText());
  }

  /** {@code POST /api/v1/conversations} kind group, created by {@code creator}; answers its id. */
  Future<String> createGroup(Account creator, String name, List<String> memberIds) {
    ObjectNode b = JSON.createObjectNode().put("kind", "group").put("name", name);
    memberIds.forEach(b.putArray("memberIds")::add);
    return call(HttpMethod.POST, "/api/v1/conversations", creator.token(), b, 201)
        .map(j -> j.get("id").asText());
  }

  /**
   * One JSON call. {@code expectedStatus} -1 accepts any 2xx.
   *
   * @param token bearer token, or null
   */
  Future<JsonNode> call(
      HttpMethod method, String uri, String token, JsonNode body, int expectedStatus) {
    RequestOptions o =
        new RequestOptions()
            .setMethod(method)
            .setHost(host)
            .setPort(port)
            .setURI(uri)
            .putHeader("Content-Type", "application/json");
    if (token != null) {
      o.putHeader("Authorization", "Bearer " + token);
    }
    Buffer payload = Buffer.buffer(body.toString());
    return http.request(o)
        .compose(req -> req.send(payload))
        .compose(
            resp ->
                resp.body()
                    .compose(
                        buf -> {
                          int s = resp.statusCode();
                          boolean ok = expectedStatus < 0 ? s / 100 == 2 : s == expectedStatus;
                          if (!ok) {
                            return Future.failedFuture(
                                new IllegalStateException(
                                    method + " " + uri + " answered " + s + ": " + buf));
                          }
                          try {
                            return Future.succeededFuture(JSON.readTree(buf.getBytes()));
                          } catch (java.io.IOException e) {
                            return Future.failedFuture(e);
                          }
                        }));
  }

  @Override
  public void close() {
    http.close();
  }
}
