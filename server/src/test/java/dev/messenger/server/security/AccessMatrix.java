package dev.messenger.server.security;

import static dev.messenger.server.security.Actor.OWNER;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The access-control matrix of PROTOCOL.md, as data: for each HTTP endpoint and WebSocket frame,
 * what each {@link Actor} must get. {@code docs/security.md} shows the same table. Outcomes are
 * HTTP statuses ({@code "404"}), WebSocket replies ({@code "error forbidden"}, {@code "sent"},
 * {@code "ok"} for a frame with no reply and no error), or views: {@code "visible"}/{@code
 * "hidden"} for presence, {@code "+g"}/{@code "-g"} for whether a conversation shows up in a list.
 * {@code {g}}, {@code {d}}, {@code {alice}}, {@code {bob}}, {@code {frank}}, {@code {self}} and
 * {@code {media}}, {@code {attached}} are filled in by the test.
 */
final class AccessMatrix {
  private AccessMatrix() {}

  /** How a row is carried out. */
  enum Kind {
    HTTP,
    /** HTTP with a fresh device of the actor, for calls that would spend the actor's token. */
    HTTP_FRESH_DEVICE,
    /** GET /presence?userIds={alice}: is alice's presence in the answer. */
    HTTP_PRESENCE,
    /** GET /contacts after adding alice: is her presence in the entry. */
    HTTP_CONTACT_PRESENCE,
    /** GET /conversations: which of g and d are listed. */
    HTTP_LIST,
    /** A WebSocket frame on the actor's socket. */
    WS,
    /** sync: which of g and d the synced frame lists. */
    WS_SYNC,
    /** presence.subscribe [alice]: does a presence frame for alice come. */
    WS_PRESENCE,
    /** The /ws upgrade itself, token in the header. */
    UPGRADE_HEADER,
    /** The /ws upgrade itself, token in access_token. */
    UPGRADE_QUERY,
    /** Media rows: run only when the server has /api/v1/media. */
    MEDIA,
    /** Push rows: run only when the server has the push endpoints. */
    PUSH
  }

  /** One endpoint or frame and what every actor gets; actors left out are not applicable. */
  record Row(Kind kind, String action, String body, Map<Actor, String> expected, String note) {
    String method() {
      return action.substring(0, action.indexOf(' '));
    }

    String path() {
      return action.substring(action.indexOf(' ') + 1);
    }
  }

  private static Map<Actor, String> m(String... pairs) {
    Map<Actor, String> out = new EnumMap<>(Actor.class);
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(Actor.valueOf(pairs[i]), pairs[i + 1]);
    }
    return out;
  }

  /** Expectations for a conversation-scoped call on group g: the protocol's 404/403/401 rule. */
  private static Map<Actor, String> onGroup(String owner, String member) {
    Map<Actor, String> out =
        m(
            "OWNER",
            "-",
            "MEMBER",
            member,
            "STRANGER",
            "404",
            "REMOVED",
            "403",
            "LEFT",
            "403",
            "REVOKED",
            "401",
            "NONE",
            "401");
    if (owner == null) {
      out.remove(OWNER);
    } else {
      out.put(OWNER, owner);
    }
    return out;
  }

  /**
   * Expectations for a call on direct conversation d (alice and bob): everyone else is a stranger.
   */
  private static Map<Actor, String> onDirect(String owner, String member) {
    return m(
        "OWNER",
        owner,
        "MEMBER",
        member,
        "STRANGER",
        "404",
        "REMOVED",
        "404",
        "LEFT",
        "404",
        "REVOKED",
        "401",
        "NONE",
        "401");
  }

  /** Any logged-in user may; no or revoked token is 401. */
  private static Map<Actor, String> anyUser(String ok) {
    return m(
        "OWNER",
        ok,
        "MEMBER",
        ok,
        "STRANGER",
        ok,
        "REMOVED",
        ok,
        "LEFT",
        ok,
        "REVOKED",
        "401",
        "NONE",
        "401");
  }

  private static Map<Actor, String> ws(
      String owner, String member, String stranger, String removed, String left) {
    return m(
        "OWNER", owner, "MEMBER", member, "STRANGER", stranger, "REMOVED", removed, "LEFT", left);
  }

  static List<Row> rows() {
    List<Row> r = new ArrayList<>();
    // Accounts and sessions.
    r.add(
        new Row(
            Kind.HTTP,
            "GET /api/v1/users/{alice}",
            null,
            anyUser("200"),
            "user lookup is open to logged-in users"));
    r.add(new Row(Kind.HTTP, "GET /api/v1/users?username={aliceName}", null, anyUser("200"), ""));
    r.add(
        new Row(
            Kind.HTTP_FRESH_DEVICE,
            "DELETE /api/v1/sessions/current",
            null,
            anyUser("204"),
            "only ever the caller's own device"));
    // Contacts and presence.
    r.add(
        new Row(
            Kind.HTTP,
            "PUT /api/v1/contacts/{alice}",
            null,
            m(
                "OWNER",
                "400",
                "MEMBER",
                "204",
                "STRANGER",
                "204",
                "REMOVED",
                "204",
                "LEFT",
                "204",
                "REVOKED",
                "401",
                "NONE",
                "401"),
            "changes the caller's own list only; alice's contacts stay as they were"));
    r.add(new Row(Kind.HTTP, "GET /api/v1/contacts", null, anyUser("200"), ""));
    r.add(
        new Row(
            Kind.HTTP_CONTACT_PRESENCE,
            "GET /api/v1/contacts",
            null,
            m("MEMBER", "visible", "STRANGER", "hidden", "REMOVED", "hidden", "LEFT", "hidden"),
            "having alice as a contact does not show her presence; alice must have the viewer"));
    r.add(
        new Row(
            Kind.HTTP_PRESENCE,
            "GET /api/v1/presence?userIds={alice}",
            null,
            m(
                "OWNER",
                "visible",
                "MEMBER",
                "visible",
                "STRANGER",
                "hidden",
                "REMOVED",
                "hidden",
                "LEFT",
                "hidden",
                "REVOKED",
                "401",
                "NONE",
                "401"),
            "left out unless they share a conversation or alice has the viewer as a contact"));
    r.add(
        new Row(
            Kind.HTTP,
            "DELETE /api/v1/contacts/{alice}",
            null,
            m(
                "MEMBER",
                "204",
                "STRANGER",
                "204",
                "REMOVED",
                "204",
                "LEFT",
                "204",
                "REVOKED",
                "401",
                "NONE",
                "401"),
            ""));
    // Conversations.
    r.add(
        new Row(
            Kind.HTTP,
            "POST /api/v1/conversations",
            "{\"kind\":\"group\",\"name\":\"x\",\"memberIds\":[]}",
            m("OWNER", "201", "REVOKED", "401", "NONE", "401"),
            ""));
    r.add(
        new Row(
            Kind.HTTP_LIST,
            "GET /api/v1/conversations",
            null,
            m(
                "OWNER",
                "+g +d",
                "MEMBER",
                "+g +d",
                "STRANGER",
                "-g -d",
                "REMOVED",
                "-g -d",
                "LEFT",
                "-g -d",
                "REVOKED",
                "401",
                "NONE",
                "401"),
            "a conversation shows up only for its active members"));
    r.add(new Row(Kind.HTTP, "GET /api/v1/conversations/{g}", null, onGroup("200", "200"), ""));
    r.add(
        new Row(
            Kind.HTTP,
            "GET /api/v1/conversations/{d}",
            null,
            onDirect("200", "200"),
            "reading another pair's direct chat"));
    r.add(
        new Row(
            Kind.HTTP,
            "PATCH /api/v1/conversations/{g}",
            "{\"name\":\"taken over\"}",
            onGroup("200", "403"),
            "admins only"));
    r.add(
        new Row(
            Kind.HTTP,
            "PATCH /api/v1/conversations/{d}",
            "{\"name\":\"taken over\"}",
            onDirect("400", "400"),
            "a direct chat has no name"));
    r.add(
        new Row(
            Kind.HTTP,
            "POST /api/v1/conversations/{g}/members",
            "{\"userId\":\"{bob}\"}",
            onGroup("204", "403"),
            "admins only"));
    r.add(
        new Row(
            Kind.HTTP,
            "POST /api/v1/conversations/{d}/members",
            "{\"userId\":\"{bob}\"}",
            onDirect("400", "400"),
            ""));
    r.add(
        new Row(
            Kind.HTTP,
            "DELETE /api/v1/conversations/{g}/members/{alice}",
            null,
            onGroup(null, "403"),
            "removing the admin"));
    r.add(
        new Row(
            Kind.HTTP,
            "DELETE /api/v1/conversations/{g}/members/{frank}",
            null,
            onGroup("204", "403"),
            "admins only"));
    r.add(
        new Row(
            Kind.HTTP,
            "DELETE /api/v1/conversations/{g}/members/{self}",
            null,
            m("STRANGER", "404", "REMOVED", "403", "LEFT", "403", "REVOKED", "401", "NONE", "401"),
            "leaving what one is not in"));
    r.add(
        new Row(
            Kind.HTTP,
            "DELETE /api/v1/conversations/{d}/members/{bob}",
            null,
            onDirect("400", "400"),
            ""));
    // Messages.
    r.add(
        new Row(
            Kind.HTTP, "GET /api/v1/conversations/{g}/messages", null, onGroup("200", "200"), ""));
    r.add(
        new Row(
            Kind.HTTP,
            "GET /api/v1/conversations/{g}/messages?after=0&limit=200",
            null,
            onGroup("200", "200"),
            ""));
    r.add(
        new Row(
            Kind.HTTP, "GET /api/v1/conversations/{d}/messages", null, onDirect("200", "200"), ""));
    r.add(
        new Row(
            Kind.HTTP,
            "POST /api/v1/conversations/{g}/messages",
            "{\"clientId\":\"{unique}\",\"body\":\"x\"}",
            onGroup("201", "201"),
            ""));
    r.add(
        new Row(
            Kind.HTTP,
            "POST /api/v1/conversations/{d}/messages",
            "{\"clientId\":\"{unique}\",\"body\":\"x\"}",
            onDirect("201", "201"),
            ""));
    // Media and push (guarded: run only when the endpoints exist).
    r.add(new Row(Kind.MEDIA, "POST /api/v1/media", "png", anyUser("201"), ""));
    r.add(
        new Row(
            Kind.MEDIA,
            "GET /api/v1/media/{media}",
            null,
            m(
                "OWNER",
                "200",
                "MEMBER",
                "404",
                "STRANGER",
                "404",
                "REMOVED",
                "404",
                "LEFT",
                "404",
                "REVOKED",
                "401",
                "NONE",
                "401"),
            "uploaded by alice, not attached anywhere: only the uploader"));
    r.add(
        new Row(
            Kind.MEDIA,
            "GET /api/v1/media/{attached}",
            null,
            m(
                "OWNER",
                "200",
                "MEMBER",
                "200",
                "STRANGER",
                "404",
                "REMOVED",
                "404",
                "LEFT",
                "404",
                "REVOKED",
                "401",
                "NONE",
                "401"),
            "attached to a message in g sent before carol and dave left: members only"));
    r.add(new Row(Kind.PUSH, "GET /api/v1/push/vapid-public-key", null, anyUser("200"), ""));
    r.add(
        new Row(
            Kind.PUSH,
            "PUT /api/v1/devices/current/push",
            "{\"type\":\"webpush\",\"endpoint\":\"https://127.0.0.1:9/push\",\"keys\":"
                + "{\"p256dh\":\"BPcMbnWQL5GOYX_5WyVkJQMfH4Rz8Z0NHcN0ISnBrpmrb5yexHL7mnqSqVNXhMcd"
                + "iUwr6Ha2dG0ZUp5RgAzVnXA\",\"auth\":\"4vQK-SvRAN5eo-8ASlrwA\"}}",
            m("REVOKED", "401", "NONE", "401"),
            "always the caller's own device"));
    r.add(
        new Row(
            Kind.PUSH,
            "DELETE /api/v1/devices/current/push",
            null,
            m("REVOKED", "401", "NONE", "401"),
            ""));
    // WebSocket.
    r.add(
        new Row(
            Kind.UPGRADE_HEADER,
            "GET /ws",
            null,
            m("OWNER", "101", "REVOKED", "401", "NONE", "401"),
            "Authorization: Bearer"));
    r.add(
        new Row(
            Kind.UPGRADE_QUERY,
            "GET /ws?access_token=",
            null,
            m("OWNER", "101", "REVOKED", "401", "NONE", "401"),
            "token in the query"));
    r.add(
        new Row(
            Kind.WS,
            "send {conversationId: g}",
            null,
            ws("sent", "sent", "error not_found", "error forbidden", "error forbidden"),
            ""));
    r.add(
        new Row(
            Kind.WS,
            "send {conversationId: d}",
            null,
            ws("sent", "sent", "error not_found", "error not_found", "error not_found"),
            ""));
    r.add(
        new Row(
            Kind.WS,
            "ack {conversationId: g, seq: 1}",
            null,
            ws("ok", "ok", "error not_found", "error forbidden", "error forbidden"),
            ""));
    r.add(
        new Row(
            Kind.WS,
            "ack {conversationId: d, seq: 1}",
            null,
            ws("ok", "ok", "error not_found", "error not_found", "error not_found"),
            ""));
    r.add(
        new Row(
            Kind.WS,
            "history {conversationId: g}",
            null,
            ws("history", "history", "error not_found", "error forbidden", "error forbidden"),
            ""));
    r.add(
        new Row(
            Kind.WS,
            "history {conversationId: d}",
            null,
            ws("history", "history", "error not_found", "error not_found", "error not_found"),
            ""));
    r.add(
        new Row(
            Kind.WS,
            "typing {conversationId: g}",
            null,
            ws("ok", "ok", "error not_found", "error forbidden", "error forbidden"),
            "and alice's socket gets no typing from them"));
    r.add(
        new Row(
            Kind.WS,
            "typing {conversationId: d}",
            null,
            ws("ok", "ok", "error not_found", "error not_found", "error not_found"),
            ""));
    r.add(
        new Row(
            Kind.WS_SYNC,
            "sync",
            null,
            ws("+g +d", "+g +d", "-g -d", "-g -d", "-g -d"),
            "which conversations synced lists"));
    r.add(
        new Row(
            Kind.WS_PRESENCE,
            "presence.subscribe [alice]",
            null,
            ws("visible", "visible", "hidden", "hidden", "hidden"),
            "left out, no error"));
    r.add(new Row(Kind.WS, "ping", null, ws("pong", "pong", "pong", "pong", "pong"), ""));
    return r;
  }
}
