package dev.messenger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The shared Jackson {@link ObjectMapper} and small helpers to build, parse and read JSON trees.
 *
 * <p>Thread-safe: {@link #MAPPER} is configured once here and must not be reconfigured by callers.
 */
public final class Json {
  /** The mapper every class of the SDK and the CLI uses; ignores unknown fields. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Parses {@code text} as JSON.
   *
   * @throws IllegalArgumentException if {@code text} is not valid JSON
   */
  public static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty JSON text");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses {@code text} as JSON, or returns it as a {@link TextNode} when it is not JSON. */
  public static JsonNode parseOrText(String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      return TextNode.valueOf(text);
    }
  }

  /** Serializes a tree (or any Jackson-serializable value) as compact JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode JSON", e);
    }
  }

  /** The text of {@code node.field}, or null when it is missing or JSON null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The integer value of {@code node.field}, or 0 when it is missing. */
  static long number(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? 0 : v.asLong();
  }

  /** The integer value of {@code node.field}, or null when it is missing or JSON null. */
  static Long longOrNull(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asLong();
  }

  /** Maps each element of the array {@code node.field}; an empty list when it is missing. */
  static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> mapper) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isArray()) {
      return List.of();
    }
    List<T> out = new ArrayList<>(v.size());
    v.forEach(e -> out.add(mapper.apply(e)));
    return out;
  }

  /** The object {@code node.field}, or null when it is missing, JSON null or not an object. */
  static JsonNode objectOrNull(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isObject() ? v : null;
  }
}
