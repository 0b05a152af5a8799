package dev.messenger.core.model;

import java.util.List;

/**
 * What the rules of an update need to know of its target, read by the store inside the update's
 * transaction: the message in its current state, its reactions (read for reactions only, else
 * empty), whether it is pinned and how many messages of its conversation are (read for pins only,
 * else false and 0). Immutable.
 */
public record TargetState(
    Message target, List<Reaction> reactions, boolean pinned, int pinnedCount) {}
