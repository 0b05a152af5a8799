package dev.messenger.server.http;

import dev.messenger.core.ErrorCode;
import dev.messenger.server.metrics.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * The operator's routes: {@code GET /health} and {@code /health/live} (the process answers), {@code
 * /health/ready} (the store answers and, in a cluster, NATS is connected; else 503) and {@code
 * /metrics} (Prometheus text format), {@code /api/v1/openapi.json} (the OpenAPI 3.1 document of the
 * whole HTTP API, copied into the jar from {@code docs/openapi.json}); and the counting of every
 * error status by code. Thread-safe.
 */
public final class OperationsRoutes {
  private OperationsRoutes() {}

  /** Counts each answer of status 400 or more by its {@link ErrorCode}; mount it first. */
  public static void countErrors(Router router, Metrics metrics) {
    router
        .route()
        .handler(
            ctx -> {
              ctx.addHeadersEndHandler(
                  v -> {
                    int status = ctx.response().getStatusCode();
                    for (ErrorCode c : ErrorCode.values()) {
                      if (status >= 400 && c.httpStatus() == status) {
                        metrics.error(c);
                        break;
                      }
                    }
                  });
              ctx.next();
            });
  }

  /**
   * @param ready the readiness check; blocking, run off the event loop
   */
  public static void mount(Router router, Vertx vertx, Metrics metrics, Callable<Boolean> ready) {
    Buffer openapi = resource("api/openapi.json");
    router
        .get("/api/v1/openapi.json")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-cache")
                    .end(openapi));
    router.get("/health").handler(ctx -> json(ctx, 200, "{\"status\":\"ok\"}"));
    router.get("/health/live").handler(ctx -> json(ctx, 200, "{\"status\":\"ok\"}"));
    router
        .get("/health/ready")
        .handler(
            ctx ->
                vertx
                    .executeBlocking(ready, false)
                    .onComplete(
                        r -> {
                          boolean ok = r.succeeded() && r.result();
                          json(
                              ctx,
                              ok ? 200 : 503,
                              ok ? "{\"status\":\"ready\"}" : "{\"status\":\"unavailable\"}");
                        }));
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
  }

  /**
   * Reads a resource of the server jar.
   *
   * @throws IllegalStateException if it is missing (a jar built without {@code docs/*.json})
   */
  static Buffer resource(String name) {
    try (InputStream in = OperationsRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the server jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void json(io.vertx.ext.web.RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }
}
