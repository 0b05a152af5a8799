package dev.messenger.server;

import dev.messenger.server.settings.LimitSettings;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Browser-facing protections: security headers on every response (a strict Content Security Policy
 * for the web client, no sniffing, no framing, no referrer), CORS for the API limited to the
 * allowed origins (none besides the node's own by default), and the Origin rule for WebSocket
 * upgrades against cross-site WebSocket hijacking. Stateless; thread-safe.
 */
public final class EdgeSecurity {
  /** The web client loads only its own scripts, styles and media, and talks only to its node. */
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
          + " media-src 'self' blob:; connect-src 'self' ws: wss:; worker-src 'self';"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private EdgeSecurity() {}

  /** Adds the headers and, if origins are allowed, the CORS handler for {@code /api/*}. */
  public static void mount(Router router, LimitSettings limits) {
    router
        .route()
        .handler(
            ctx -> {
              ctx.response()
                  .putHeader("Content-Security-Policy", CSP)
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("X-Frame-Options", "DENY")
                  .putHeader("Referrer-Policy", "no-referrer")
                  .putHeader("Cross-Origin-Opener-Policy", "same-origin");
              ctx.next();
            });
    if (!limits.allowedOrigins().isEmpty()) {
      CorsHandler cors =
          limits.allowedOrigins().contains("*")
              ? CorsHandler.create()
              : CorsHandler.create().addOrigins(limits.allowedOrigins());
      cors.allowedMethods(
              Set.of(
                  HttpMethod.GET,
                  HttpMethod.POST,
                  HttpMethod.PUT,
                  HttpMethod.PATCH,
                  HttpMethod.DELETE))
          .allowedHeaders(Set.of("Authorization", "Content-Type"))
          .exposedHeaders(Set.of("Retry-After"))
          .maxAgeSeconds(600);
      router.route("/api/*").handler(cors);
    }
  }

  /**
   * True if a WebSocket upgrade with this {@code Origin} may proceed: no Origin (not a browser),
   * the node's own origin (same host and port as the {@code Host} header), or an allowed one.
   */
  public static boolean originAllowed(String origin, String hostHeader, LimitSettings limits) {
    if (origin == null) {
      return true;
    }
    if (limits.allowedOrigins().contains("*") || limits.allowedOrigins().contains(origin)) {
      return true;
    }
    if (hostHeader == null || origin.equals("null")) {
      return false;
    }
    try {
      URI u = URI.create(origin);
      if (u.getHost() == null) {
        return false;
      }
      int port = u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
      String host = hostHeader.toLowerCase(Locale.ROOT);
      String originHost = u.getHost().toLowerCase(Locale.ROOT);
      return host.equals(originHost + ":" + port)
          || (host.equals(originHost) && (port == 80 || port == 443));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
