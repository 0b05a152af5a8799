package dev.messenger.server;

import dev.messenger.cluster.NatsBus;
import dev.messenger.cluster.NatsConnection;
import dev.messenger.cluster.NatsPresenceRegistry;
import dev.messenger.core.ErrorCode;
import dev.messenger.core.Timers;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.bus.InProcessBus;
import dev.messenger.core.conversations.ConversationSettings;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.messaging.MessageChanges;
import dev.messenger.core.messaging.Messaging;
import dev.messenger.core.model.Changes;
import dev.messenger.core.presence.LocalPresenceRegistry;
import dev.messenger.core.presence.Presence;
import dev.messenger.core.presence.PresenceRegistry;
import dev.messenger.core.receipts.Receipts;
import dev.messenger.core.search.Search;
import dev.messenger.core.store.CachedMembership;
import dev.messenger.core.typing.TypingRelay;
import dev.messenger.server.chat.ChatDomain;
import dev.messenger.server.chat.SessionLimits;
import dev.messenger.server.http.ConversationRoutes;
import dev.messenger.server.http.Http;
import dev.messenger.server.http.MediaRoutes;
import dev.messenger.server.http.MessageChangeRoutes;
import dev.messenger.server.http.OperationsRoutes;
import dev.messenger.server.http.PushRoutes;
import dev.messenger.server.http.SearchRoutes;
import dev.messenger.server.limits.RateLimits;
import dev.messenger.server.media.MediaFeature;
import dev.messenger.server.metrics.Metrics;
import dev.messenger.server.ops.TlsReloader;
import dev.messenger.server.push.PushFeature;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.StoreKind;
import dev.messenger.server.webhook.WebhookFeature;
import dev.messenger.server.ws.WsEndpoint;
import dev.messenger.server.ws.WsFeature;
import dev.messenger.store.Database;
import dev.messenger.store.JdbcAccountStore;
import dev.messenger.store.JdbcMessageStore;
import dev.messenger.store.JdbcSearchStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Messenger node: the composition root. Opens the store, builds the domain services, serves
 * HTTP and WebSocket on one port. {@link #start()} once, {@link #close()} once (sockets get 1001,
 * the writer drains, nothing acknowledged is lost). Not thread-safe to start and close
 * concurrently.
 */
public final class MessengerNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessengerNode.class);

  /** Most bytes of an HTTP request body. */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  /** Largest WebSocket message (PROTOCOL.md: over 64 KiB closes with 1009). */
  public static final int MAX_FRAME_BYTES = 64 * 1024;

  private final Settings settings;
  private Vertx vertx;
  private Database db;
  private ExecutorService workers;
  private HttpServer server;
  private Router router;
  private WsEndpoint ws;
  private NatsConnection nats;
  private Metrics metrics;
  private NatsPresenceRegistry presenceRegistry;
  private NatsBus natsBus;
  private MediaFeature media;
  private PushFeature push;
  private WebhookFeature webhooks;
  private int port;

  public MessengerNode(Settings settings) {
    this.settings = settings;
  }

  /**
   * Opens the store and starts listening; returns the real port.
   *
   * @throws IOException if the data directory cannot be used
   */
  public int start() throws IOException {
    db =
        settings.store().kind() == StoreKind.POSTGRES
            ? Database.postgres(
                settings.store().postgresUrl(),
                settings.store().postgresUser(),
                settings.store().postgresPassword().reveal(),
                settings.store().maxBatch())
            : Database.sqlite(settings.node().dataDir(), settings.store().maxBatch());
    vertx = Vertx.vertx();
    workers = Workers.bounded(settings.node().workerThreads(), settings.node().workerQueue());
    Clock clock = Clock.systemUTC();
    var accountStore = new JdbcAccountStore(db);
    var messageStore = new JdbcMessageStore(db);
    Bus bus;
    PresenceRegistry registry;
    NatsPresenceRegistry natsRegistry = null;
    if (settings.cluster().bus() == BusKind.NATS) {
      nats =
          NatsConnection.connect(
              settings.cluster().natsUrl(), "messenger-" + settings.cluster().nodeId());
      natsRegistry =
          new NatsPresenceRegistry(
              nats, settings.cluster().nodeId(), settings.cluster().presenceHeartbeat());
      natsBus = new NatsBus(nats, natsRegistry);
      bus = natsBus;
      registry = natsRegistry;
      presenceRegistry = natsRegistry;
    } else {
      bus = new InProcessBus();
      registry = new LocalPresenceRegistry();
    }
    Fanout fanout = new Fanout(bus);
    CachedMembership membership = CachedMembershipWiring.open(messageStore, bus);
    AccountsFeature accountsFeature = AccountsFeature.open(settings, db, accountStore, bus, clock);
    Accounts accounts = accountsFeature.accounts;
    Conversations conversations =
        new Conversations(
            membership,
            messageStore,
            messageStore,
            messageStore,
            accountStore,
            fanout,
            clock,
            settings.messaging().maxGroupSize(),
            accountsFeature.blocks);
    Timers timers = new VertxTimers(vertx, workers);
    RateLimits rateLimits = new RateLimits(settings.limits());
    metrics = new Metrics();
    db.writer().onBatch(metrics::committed);
    webhooks =
        WebhookFeature.open(settings.webhooks(), db, settings.cluster().nodeId(), clock, metrics);
    db.writer().commitDelay(settings.store().commitDelay());
    metrics.gauge(
        "messenger.writer.queue", "writes waiting for a transaction", db.writer()::queueDepth);
    if (workers instanceof java.util.concurrent.ThreadPoolExecutor pool) {
      metrics.gauge(
          "messenger.workers.queue", "tasks waiting for a worker", () -> pool.getQueue().size());
    }
    Presence presence =
        new Presence(
            registry,
            accountStore,
            messageStore,
            bus,
            clock,
            timers,
            settings.messaging().presenceGrace(),
            accountsFeature.blocks);
    if (natsRegistry != null) {
      natsRegistry.onUserLost(presence::lostWithNode);
    }
    media = MediaFeature.open(settings.media(), settings.node().dataDir(), db, clock);
    push =
        PushFeature.open(
            settings.push(),
            settings.node().dataDir(),
            accountStore,
            registry,
            accountsFeature.lifecycle,
            new dev.messenger.server.push.StorePushDirectory(accountStore, messageStore),
            clock,
            timers);
    push.registerMetrics(metrics);
    Messaging messaging =
        new Messaging(
            membership,
            messageStore,
            conversations,
            fanout,
            clock,
            settings.messaging().maxMessageChars(),
            media.media(),
            push.dispatcher(),
            accountsFeature.blocks,
            webhooks.sendHook());
    MessageChanges changes =
        new MessageChanges(
            membership,
            messageStore,
            messageStore,
            fanout,
            clock,
            settings.messaging().maxMessageChars(),
            new Changes.Windows(
                settings.messaging().editWindow().toMillis(),
                settings.messaging().deleteWindow().toMillis()));
    ConversationSettings conversationSettings =
        new ConversationSettings(membership, messageStore, conversations, fanout);
    ws =
        WsFeature.open(
            token ->
                accounts
                    .authenticate(token)
                    .map(
                        c -> {
                          // Loaded here, on a worker, so that sends on the event loop find it.
                          accountsFeature.blocks.warm(c.userId());
                          return c;
                        }),
            new ChatDomain(
                messaging,
                changes,
                new Receipts(messageStore, membership, fanout),
                conversations,
                new TypingRelay(membership, fanout, accountsFeature.blocks),
                presence,
                bus),
            workers,
            timers,
            clock,
            rateLimits,
            SessionLimits.defaults(settings.limits().abuseStrikes())
                .withInFlight(
                    settings.connections().maxFramesInFlight(),
                    settings.connections().maxSendsInFlight()),
            metrics,
            (origin, host) -> EdgeSecurity.originAllowed(origin, host, settings.limits()),
            new WsEndpoint.Bounds(
                settings.connections().maxOutboundBytes(),
                MAX_FRAME_BYTES,
                settings.limits().maxConnectionsPerUser()));
    metrics.gauge("messenger.connections", "open WebSockets", ws.sessions()::count);
    ClusterWiring.recheckWhenEventsLost(bus, presenceRegistry, ws.sessions()::recheckAll);
    ClusterWiring.metrics(metrics, nats, natsBus);

    Router router = Router.router(vertx);
    this.router = router;
    EdgeSecurity.mount(router, settings.limits());
    OperationsRoutes.countErrors(router, metrics);
    OperationsRoutes.mount(router, vertx, metrics, this::ready);
    router.route("/api/*").handler(Http::checkQuery);
    Http http = new Http(accounts::authenticate, workers);
    MediaRoutes.mountUpload(router, http, media.media(), media.uploadDir());
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    // The API takes JSON (media takes raw bytes): form and multipart bodies are never decoded,
    // so the handlers answer them (401 without a token, else 400) like any body that is not JSON.
    router
        .route("/api/*")
        .handler(
            ctx -> {
              if (Http.isFormBody(ctx)) {
                ctx.next();
              } else {
                bodies.handle(ctx);
              }
            });
    accountsFeature.mount(
        router,
        http,
        new AccountsFeature.Edge(
            presence, rateLimits, media.media(), conversations, messaging, workers),
        ws.sessions()::count,
        metrics::sent);
    ConversationRoutes.mount(router, http, conversations, messaging, metrics::sent);
    MessageChangeRoutes.mount(router, http, changes, conversationSettings);
    SearchRoutes.mount(router, http, new Search(new JdbcSearchStore(db), membership));
    MediaRoutes.mount(router, http, media.media(), media.thumbnails());
    PushRoutes.mount(router, http, push.keys().publicKeyBase64(), push.subscriptions());
    router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    router.errorHandler(404, ctx -> Http.error(ctx, ErrorCode.NOT_FOUND, "no such endpoint"));
    router.errorHandler(405, ctx -> Http.error(ctx, ErrorCode.NOT_FOUND, "no such endpoint"));
    router.errorHandler(
        413, ctx -> Http.error(ctx, ErrorCode.TOO_LARGE, "the body is larger than 1 MiB"));
    router.errorHandler(400, ctx -> Http.error(ctx, ErrorCode.BAD_REQUEST, "bad request"));
    router.errorHandler(
        500,
        ctx -> {
          if (ctx.failure() != null) {
            LOG.error("unhandled failure on {}", ctx.request().path(), ctx.failure());
          }
          Http.error(ctx, ErrorCode.INTERNAL, "internal error");
        });

    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(settings.node().host())
            .setPort(settings.node().port())
            .setMaxWebSocketFrameSize(MAX_FRAME_BYTES)
            .setMaxWebSocketMessageSize(MAX_FRAME_BYTES)
            .setRegisterWebSocketWriteHandlers(false)
            // No permessage-deflate: frames are small JSON, and the extension handler inspected
            // every inbound frame for an upgrade (4.5% of the node's CPU in the steady profile).
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false)
            .setTcpNoDelay(true);
    TlsReloader tls = settings.tls().enabled() ? new TlsReloader(settings.tls()) : null;
    if (tls != null) {
      tls.configure(options);
    }
    server =
        vertx
            .createHttpServer(options)
            .webSocketHandshakeHandler(ws::handshake)
            .webSocketHandler(socket -> {})
            .invalidRequestHandler(Http::invalidRequest)
            .requestHandler(router);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IOException(
          "cannot listen on " + settings.node().host() + ":" + settings.node().port(), e);
    }
    port = server.actualPort();
    if (tls != null) {
      tls.watch(vertx, server);
    }
    LOG.info(
        "node {} started on port {} ({}): store {}, bus {}",
        settings.cluster().nodeId(),
        port,
        tls != null ? "https, wss" : "http, ws",
        settings.store().kind(),
        settings.cluster().bus());
    vertx.setPeriodic(
        1000, t -> ws.sessions().sweepIdle(settings.connections().idleTimeout().toMillis()));
    vertx.setPeriodic(60_000, t -> rateLimits.evictIdle());
    // An open WebSocket keeps its token alive (session-idle-timeout).
    vertx.setPeriodic(
        Accounts.touchInterval(settings.accounts().sessionIdleTimeout()).toMillis(),
        t -> accounts.touch(ws.sessions().deviceIds(), clock.millis()));
    return port;
  }

  public int port() {
    return port;
  }

  /** The HTTP router once started (its routes are checked against docs/openapi.json). */
  public Router router() {
    return router;
  }

  /** Readiness: the store answers a query, and NATS is connected when the bus is NATS. */
  private boolean ready() {
    return db.reachable() && (nats == null || nats.connected());
  }

  /** Stops: closes sockets with 1001, stops listening, drains the writer, closes the store. */
  @Override
  public void close() {
    if (ws != null) {
      try {
        ws.sessions().closeAll().get(3, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("not every socket closed cleanly", e);
      }
    }
    if (vertx != null) {
      try {
        if (server != null) {
          server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
      } catch (Exception e) {
        LOG.warn("closing the HTTP server failed", e);
      }
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("closing Vert.x failed", e);
      }
    }
    if (workers != null) {
      workers.shutdown();
    }
    if (natsBus != null) {
      natsBus.close();
    }
    if (presenceRegistry != null) {
      presenceRegistry.close();
    }
    if (nats != null) {
      nats.close();
    }
    if (webhooks != null) {
      webhooks.close();
    }
    if (push != null) {
      push.close();
    }
    if (media != null) {
      media.close();
    }
    if (db != null) {
      db.close();
    }
  }
}
