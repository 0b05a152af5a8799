package dev.messenger.server.http;

import dev.messenger.core.ErrorCode;
import dev.messenger.server.metrics.Metrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.concurrent.Callable;

/**
 * The operator's routes: {@code GET /health} and {@code /health/live} (the process answers), {@code
 * /health/ready} (the store answers and, in a cluster, NATS is connected; else 503) and {@code
 * /metrics} (Prometheus text format); and the counting of every error status by code. Thread-safe.
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

  private static void json(io.vertx.ext.web.RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }
}
