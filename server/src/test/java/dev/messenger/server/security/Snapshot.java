package dev.messenger.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.server.wire.Wire;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a user can see of the stored state, taken over HTTP as that user: each watched
 * conversation's summary ({@code lastSeq}, members and their cursors) and newest 200 messages, the
 * user's conversation list and its contacts (presence left out: it moves with time, not with
 * requests). Two snapshots taken around a rejected request must be equal.
 */
final class Snapshot {
  private Snapshot() {}

  /** The state as {@code token}'s user sees it, watching {@code conversationIds}. */
  static JsonNode take(RawHttp http, String token, List<String> conversationIds) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("conversations", get(http, token, "/api/v1/conversations"));
    ObjectNode watched = out.putObject("watched");
    for (String id : conversationIds) {
      String seg = URLEncoder.encode(id, StandardCharsets.UTF_8);
      ObjectNode c = watched.putObject(id);
      c.set("summary", get(http, token, "/api/v1/conversations/" + seg));
      c.set("messages", get(http, token, "/api/v1/conversations/" + seg + "/messages?limit=200"));
    }
    JsonNode contacts = get(http, token, "/api/v1/contacts");
    if (contacts.path("contacts").isArray()) {
      for (JsonNode c : contacts.path("contacts")) {
        ((ObjectNode) c).remove("presence");
      }
    }
    out.set("contacts", contacts);
    return out;
  }

  /** The body of a GET, or {@code {"status": N}} when it is not 200. */
  private static JsonNode get(RawHttp http, String token, String path) {
    RawHttp.Response r = http.send("GET", path, token, null);
    if (r.status() != 200) {
      return JsonNodeFactory.instance.objectNode().put("status", r.status());
    }
    try {
      return Wire.MAPPER.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("GET " + path + " answered 200 with a body that is not JSON", e);
    }
  }
}
