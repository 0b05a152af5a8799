package dev.messenger.server.http;

import dev.messenger.core.search.Search;
import dev.messenger.server.http.Http.Reply;
import dev.messenger.server.wire.Wire;
import io.vertx.ext.web.Router;

/** {@code GET /api/v1/search} (PROTOCOL.md section 7). */
public final class SearchRoutes {
  private SearchRoutes() {}

  /**
   * Mounts the route on {@code r}.
   *
   * @param http runs the handler on the worker pool
   */
  public static void mount(Router r, Http http, Search search) {
    r.get("/api/v1/search")
        .handler(
            http.authed(
                (caller, ctx) -> {
                  Search.Page page =
                      search.search(
                          caller.userId(),
                          ctx.request().getParam("q"),
                          ctx.request().getParam("conversationId"),
                          Http.queryLong(ctx, "limit"),
                          ctx.request().getParam("before"));
                  var out = Wire.object();
                  var results = out.putArray("results");
                  for (Search.Result x : page.results()) {
                    results
                        .addObject()
                        .put("conversationId", x.conversationId())
                        .put("seq", x.seq())
                        .put("senderId", x.senderId())
                        .put("ts", x.ts())
                        .put("snippet", x.snippet());
                  }
                  if (page.next() != null) {
                    out.put("next", page.next());
                  }
                  return AccountRoutes.done(Reply.ok(out));
                }));
  }
}
