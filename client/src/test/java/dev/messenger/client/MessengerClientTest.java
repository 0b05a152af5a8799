package dev.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class MessengerClientTest {
  private FakeHttpServer server;
  private MessengerClient client;

  @BeforeEach
  void start() throws Exception {
    server = new FakeHttpServer();
    client = new MessengerClient(server.uri());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void register_postsJsonWithoutToken() {
    server.answer(201, "{\"id\":\"u1\",\"username\":\"alice\",\"displayName\":\"Alice\"}");

    UserView u = client.register("alice", "password1", "Alice");

    assertThat(u).isEqualTo(new UserView("u1", "alice", "Alice"));
    FakeHttpServer.Request r = server.last();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.pathAndQuery()).isEqualTo("/api/v1/users");
    assertThat(r.authorization()).isNull();
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(Json.parse(r.body()))
        .isEqualTo(
            Json.object()
                .put("username", "alice")
                .put("password", "password1")
                .put("displayName", "Alice"));
  }

  @Test
  void register_withoutDisplayName_leavesItOut() {
    client.register("alice", "password1", null);

    assertThat(Json.parse(server.last().body()).has("displayName")).isFalse();
  }

  @Test
  void loginAs_returnsCopyWithToken_andLeavesOriginalAlone() {
    server.answer(201, "{\"token\":\"t0k\",\"userId\":\"u1\",\"deviceId\":\"d1\"}");

    MessengerClient alice = client.loginAs("alice", "password1");
    alice.contacts();

    assertThat(client.token()).isNull();
    assertThat(alice.token()).isEqualTo("t0k");
    assertThat(alice.baseUri()).isEqualTo(client.baseUri());
    assertThat(server.last().authorization()).isEqualTo("Bearer t0k");
    assertThat(server.last().pathAndQuery()).isEqualTo("/api/v1/contacts");
  }

  @Test
  void nonSuccess_throwsApiExceptionWithBodyCode() {
    server.answer(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no such user\"}}");

    assertThatThrownBy(() -> client.withToken("t").userByUsername("nobody"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo("not_found");
              assertThat(e.errorMessage()).isEqualTo("no such user");
            });
  }

  @Test
  void pathAndQueryValues_areEncoded() {
    client.userByUsername("a b&c");
    assertThat(server.last().pathAndQuery()).isEqualTo("/api/v1/users?username=a%20b%26c");

    client.user("x/y");
    assertThat(server.last().pathAndQuery()).isEqualTo("/api/v1/users/x%2Fy");
  }

  @Test
  void emptyAnswer_isNull_for204() {
    server.answer(204, "");

    client.withToken("t").logout();

    assertThat(server.last().method()).isEqualTo("DELETE");
    assertThat(server.last().pathAndQuery()).isEqualTo("/api/v1/sessions/current");
  }

  @Test
  void history_leavesOutNullParameters() {
    server.answer(200, "{\"messages\":[],\"hasMore\":false}");
    client.history("c1", null, 4L, 10);
    assertThat(server.last().pathAndQuery())
        .isEqualTo("/api/v1/conversations/c1/messages?after=4&limit=10");

    server.answer(200, "{\"messages\":[],\"hasMore\":false}");
    client.history("c1", null, null, null);
    assertThat(server.last().pathAndQuery()).isEqualTo("/api/v1/conversations/c1/messages");
  }

  @Test
  void presence_joinsIdsWithCommas_andSkipsEmptyRequests() {
    server.answer(200, "{\"presence\":[{\"userId\":\"a\",\"status\":\"online\",\"lastSeen\":3}]}");

    List<PresenceView> p = client.presence(List.of("a", "b"));

    assertThat(server.last().pathAndQuery()).isEqualTo("/api/v1/presence?userIds=a,b");
    assertThat(p).containsExactly(new PresenceView("a", "online", 3));
    assertThat(client.presence(List.of())).isEmpty();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void groupCalls_useTheProtocolPathsAndBodies() {
    server.answer(
        201, "{\"id\":\"g1\",\"kind\":\"group\",\"name\":\"team\",\"lastSeq\":1,\"members\":[]}");
    assertThat(client.createGroup("team", List.of("u2", "u3")).id()).isEqualTo("g1");
    assertThat(Json.parse(server.last().body()).toString())
        .isEqualTo("{\"kind\":\"group\",\"name\":\"team\",\"memberIds\":[\"u2\",\"u3\"]}");

    server.answer(204, "");
    client.addMember("g1", "u4");
    assertThat(server.last().pathAndQuery()).isEqualTo("/api/v1/conversations/g1/members");

    server.answer(204, "");
    client.removeMember("g1", "u4");
    assertThat(server.last().method()).isEqualTo("DELETE");
    assertThat(server.last().pathAndQuery()).isEqualTo("/api/v1/conversations/g1/members/u4");

    client.rename("g1", "new");
    assertThat(server.last().method()).isEqualTo("PATCH");
  }

  @Test
  void rawRequest_sendsBodyUnchanged_andResolvesShortPaths() {
    server.answer(400, "{\"error\":{\"code\":\"bad_request\",\"message\":\"bad json\"}}");
    assertThatThrownBy(() -> client.rawRequest("POST", "/api/v1/users", "{oops"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    assertThat(server.last().body()).isEqualTo("{oops");

    client.rawRequest("GET", "/users/u1", null);
    assertThat(server.last().pathAndQuery()).isEqualTo("/api/v1/users/u1");

    server.answer(200, "ok");
    assertThat(client.rawRequest("GET", "/health", null).asText()).isEqualTo("ok");
    assertThat(server.last().pathAndQuery()).isEqualTo("/health");

    server.answer(204, "");
    assertThat(client.rawRequest("PUT", "/contacts/u2", null)).isNull();
  }

  @Test
  void connect_refusedWith401_throwsUnauthorized() {
    server.answer(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"bad token\"}}");

    assertThatThrownBy(() -> client.withToken("wrong").connect())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEqualTo("unauthorized");
            });
    assertThat(server.last().pathAndQuery()).isEqualTo("/ws");
    assertThat(server.last().authorization()).isEqualTo("Bearer wrong");
  }

  @Test
  void webSocketUri_mapsSchemeAndKeepsPrefix() {
    assertThat(MessengerClient.webSocketUri(URI.create("http://127.0.0.1:8080")))
        .isEqualTo(URI.create("ws://127.0.0.1:8080/ws"));
    assertThat(MessengerClient.webSocketUri(URI.create("https://chat.example/m/")))
        .isEqualTo(URI.create("wss://chat.example/m/ws"));
  }

  @Test
  void constructor_rejectsUriWithoutHost() {
    assertThatThrownBy(() -> new MessengerClient(URI.create("localhost:8080")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
