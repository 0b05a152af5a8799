package dev.messenger.server.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * docs/openapi.json and docs/asyncapi.json (as copied into the server jar under {@code api/}),
 * loaded once and read strictly ({@link StrictSchemas}: an undocumented field is drift), and the
 * checks of one HTTP exchange or one server frame against them with the networknt JSON Schema
 * validator (draft 2020-12, the dialect of OpenAPI 3.1 and of our AsyncAPI payloads). Each check
 * returns the problems found, empty when the exchange matches. Thread-safe: compiled schemas are
 * cached in a concurrent map.
 */
final class Spec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  /** One operation path of the OpenAPI document, as a pattern. */
  private record PathTemplate(String template, Pattern pattern, int params) {}

  private final JsonNode openapi;
  private final JsonNode asyncapi;
  private final List<PathTemplate> paths = new ArrayList<>();
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  Spec() {
    openapi = StrictSchemas.close(read("api/openapi.json"));
    asyncapi = StrictSchemas.close(read("api/asyncapi.json"));
    openapi
        .get("paths")
        .fieldNames()
        .forEachRemaining(
            t -> {
              String regex = t.replaceAll("\\{\\w+\\}", "[^/]+");
              paths.add(new PathTemplate(t, Pattern.compile(regex), t.split("\\{", -1).length - 1));
            });
    // A literal segment wins over a parameter: /users/me before /users/{id}.
    paths.sort(Comparator.comparingInt(PathTemplate::params));
  }

  /** The problems of one HTTP exchange; see {@link dev.messenger.client.WireTap#http}. */
  List<String> http(
      String method, URI uri, String requestBody, int status, String contentType, String body) {
    String what = method + " " + uri.getPath() + " -> " + status;
    JsonNode op = null;
    String template = null;
    for (PathTemplate p : paths) {
      if (p.pattern().matcher(uri.getPath()).matches()) {
        op = openapi.get("paths").get(p.template()).get(method.toLowerCase(Locale.ROOT));
        template = p.template();
        if (op != null) {
          break;
        }
      }
    }
    List<String> problems = new ArrayList<>();
    if (op == null) {
      if (status < 400) {
        problems.add(what + ": no such operation in docs/openapi.json");
      } else {
        problems.addAll(json(what, body, ref("Error"), "Error", openapi));
      }
      return problems;
    }
    JsonNode responses = op.get("responses");
    JsonNode response = responses.get(Integer.toString(status));
    if (response == null && status >= 400) {
      response = responses.get("default");
    }
    String key = method + " " + template;
    if (response == null) {
      problems.add(what + ": status not documented for " + template);
      return problems;
    }
    String code = responses.has(Integer.toString(status)) ? Integer.toString(status) : "default";
    JsonNode jsonContent = response.path("content").path("application/json");
    if (!jsonContent.isMissingNode()) {
      if (contentType == null || !contentType.startsWith("application/json")) {
        problems.add(what + ": Content-Type " + contentType + ", documented application/json");
      } else {
        problems.addAll(json(what, body, jsonContent.get("schema"), key + " " + code, openapi));
      }
    } else if (!response.has("content") && body != null && !body.isEmpty()) {
      problems.add(what + ": documented without a body, got " + body);
    }
    JsonNode requestSchema =
        op.path("requestBody").path("content").path("application/json").path("schema");
    if (status < 300 && requestBody != null && !requestSchema.isMissingNode()) {
      problems.addAll(json(what + " (request)", requestBody, requestSchema, key, openapi));
    }
    return problems;
  }

  /** The problems of one frame the server sent. */
  List<String> frame(String text) {
    return frame("Server_", "frame", text);
  }

  /**
   * The problems of one frame a client sent (the {@code Client_} schemas of docs/asyncapi.json).
   */
  List<String> clientFrame(String text) {
    return frame("Client_", "client frame", text);
  }

  private List<String> frame(String prefix, String what, String text) {
    JsonNode frame;
    try {
      frame = JSON.readTree(text);
    } catch (IOException e) {
      return List.of(what + " is not JSON: " + text);
    }
    String type = frame.path("type").asText("");
    String name = prefix + type.replace('.', '_');
    if (!asyncapi.path("components").path("schemas").has(name)) {
      return List.of(what + " type '" + type + "' is not in docs/asyncapi.json: " + text);
    }
    return validate(what + " " + type, frame, ref(name), name, asyncapi);
  }

  private List<String> json(
      String what, String body, JsonNode schema, String key, JsonNode document) {
    JsonNode node;
    try {
      node = body == null ? null : JSON.readTree(body);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || node.isMissingNode()) {
      return List.of(what + ": body is not JSON: " + body);
    }
    return validate(what, node, schema, key, document);
  }

  private List<String> validate(
      String what, JsonNode node, JsonNode schemaNode, String key, JsonNode document) {
    Schema schema =
        compiled.computeIfAbsent(
            (document == openapi ? "openapi " : "asyncapi ") + key,
            k -> {
              // The schema with the document's components beside it: "#/components/..." resolves.
              ObjectNode root = schemaNode.deepCopy();
              root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
              root.set("components", document.get("components"));
              return REGISTRY.getSchema(root);
            });
    List<String> problems = new ArrayList<>();
    for (Error e : schema.validate(node)) {
      problems.add(what + ": " + e + " in " + node);
    }
    return problems;
  }

  private static JsonNode ref(String name) {
    return JSON.createObjectNode().put("$ref", "#/components/schemas/" + name);
  }

  private static JsonNode read(String resource) {
    try (InputStream in = Spec.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing: build the server module first");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
