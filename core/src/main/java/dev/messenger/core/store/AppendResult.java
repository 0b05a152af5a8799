package dev.messenger.core.store;

import dev.messenger.core.model.Message;

/**
 * The outcome of an append: the stored message and whether it was already there (an idempotent
 * resend with the same sender and clientId, which stored nothing new).
 */
public record AppendResult(Message message, boolean duplicate) {}
