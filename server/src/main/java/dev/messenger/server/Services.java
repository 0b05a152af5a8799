package dev.messenger.server;

import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.messaging.Messaging;
import dev.messenger.core.presence.Presence;
import dev.messenger.core.receipts.Receipts;
import dev.messenger.core.typing.TypingRelay;
import dev.messenger.server.limits.RateLimits;
import dev.messenger.server.media.MediaFeature;
import dev.messenger.server.metrics.Metrics;
import dev.messenger.server.push.PushFeature;
import dev.messenger.server.settings.Settings;
import java.util.concurrent.ExecutorService;

/**
 * The domain services the edge calls, and the worker pool it calls the blocking ones on. Built once
 * by {@link MessengerNode}; immutable and thread-safe.
 */
public record Services(
    Settings settings,
    Accounts accounts,
    Conversations conversations,
    Messaging messaging,
    Receipts receipts,
    TypingRelay typing,
    Presence presence,
    Bus bus,
    ExecutorService workers,
    RateLimits rateLimits,
    MediaFeature media,
    PushFeature push,
    Metrics metrics) {}
