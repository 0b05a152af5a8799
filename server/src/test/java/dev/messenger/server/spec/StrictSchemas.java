package dev.messenger.server.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tests' strict reading of docs/openapi.json and docs/asyncapi.json. The published documents
 * leave objects open, so that a client generated from them keeps working when a later server adds a
 * field (PROTOCOL.md allows additions, never changes); the tests instead hold the server to exactly
 * what the documents say, so an undocumented field fails the build just as a missing one does.
 *
 * <p>{@link #close} returns a copy of a document in which every object schema that lists {@code
 * properties} and says nothing about others gets {@code "additionalProperties": false}, and every
 * {@code allOf} of object schemas is first merged into one object schema (closing the parts
 * separately would make each reject the others' properties). Free-form objects (no {@code
 * properties}) stay open. Stateless and thread-safe; the input is not modified.
 */
final class StrictSchemas {
  private StrictSchemas() {}

  /** A closed copy of {@code document} (an OpenAPI or AsyncAPI document). */
  static JsonNode close(JsonNode document) {
    JsonNode copy = document.deepCopy();
    JsonNode schemas = copy.path("components").path("schemas");
    closeNode(copy, schemas);
    return copy;
  }

  private static void closeNode(JsonNode node, JsonNode schemas) {
    if (node instanceof ObjectNode object) {
      if (object.get("allOf") instanceof ArrayNode parts) {
        merge(object, parts, schemas);
      }
      if (object.has("properties")
          && object.get("properties").isObject()
          && !object.has("additionalProperties")
          && !object.has("unevaluatedProperties")) {
        object.put("additionalProperties", false);
      }
    }
    // Every child, object fields and array elements alike (a container node iterates its values).
    for (JsonNode child : node) {
      closeNode(child, schemas);
    }
  }

  /** Replaces {@code allOf} in {@code target} with the union of its parts' properties. */
  private static void merge(ObjectNode target, ArrayNode parts, JsonNode schemas) {
    ObjectNode properties = target.objectNode();
    Set<String> required = new LinkedHashSet<>();
    for (JsonNode part : parts) {
      JsonNode resolved = resolve(part, schemas);
      if (!resolved.has("properties")) {
        return; // not a plain object composition: leave it as written
      }
      properties.setAll((ObjectNode) resolved.get("properties").deepCopy());
      resolved.path("required").forEach(r -> required.add(r.asText()));
    }
    target.remove("allOf");
    target.put("type", "object");
    target.set("properties", properties);
    ArrayNode req = target.putArray("required");
    required.forEach(req::add);
  }

  private static JsonNode resolve(JsonNode part, JsonNode schemas) {
    JsonNode ref = part.get("$ref");
    if (ref == null) {
      return part;
    }
    String prefix = "#/components/schemas/";
    String name = ref.asText().startsWith(prefix) ? ref.asText().substring(prefix.length()) : "";
    JsonNode target = schemas.get(name);
    return target == null ? part : resolve(target, schemas);
  }
}
