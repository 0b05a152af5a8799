package dev.messenger.server.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.messenger.server.TestNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/openapi.json honest about routes: every method and path the Vert.x router of a real
 * node registers is in the document, every operation of the document is registered, and the node
 * serves the very file of docs/ at {@code /api/v1/openapi.json}.
 */
class OpenApiRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Paths of the document that are not routes of the router ({@code /ws} is the upgrade). */
  private static final Set<String> NOT_ROUTER = Set.of("GET /ws");

  @Test
  void everyRegisteredRouteIsInTheDocumentAndBack() throws Exception {
    JsonNode spec = JSON.readTree(Files.readString(Path.of("..", "docs", "openapi.json")));
    try (TestNode node = TestNode.start()) {
      Set<String> registered = new TreeSet<>();
      for (Route r : node.node().router().getRoutes()) {
        Set<HttpMethod> methods = r.methods();
        if (r.getPath() == null || methods == null || methods.isEmpty()) {
          continue; // middleware on a prefix (/api/*, /*): no operation of its own
        }
        for (HttpMethod m : methods) {
          registered.add(m.name() + " " + r.getPath().replaceAll(":(\\w+)", "{$1}"));
        }
      }
      assertThat(registered).hasSizeGreaterThan(50);

      Set<String> documented = new TreeSet<>();
      spec.get("paths")
          .fields()
          .forEachRemaining(
              p ->
                  p.getValue()
                      .fieldNames()
                      .forEachRemaining(
                          m -> {
                            if (!m.equals("parameters")) {
                              documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                            }
                          }));
      List<String> missing = new ArrayList<>(registered);
      missing.removeAll(documented);
      assertThat(missing).as("routes the server registers but docs/openapi.json lacks").isEmpty();
      List<String> extra = new ArrayList<>(documented);
      extra.removeAll(registered);
      extra.removeAll(NOT_ROUTER);
      assertThat(extra)
          .as("operations in docs/openapi.json the server does not register")
          .isEmpty();

      HttpResponse<String> served =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(node.uri() + "/api/v1/openapi.json")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(JSON.readTree(served.body())).isEqualTo(spec);
    }
  }
}
