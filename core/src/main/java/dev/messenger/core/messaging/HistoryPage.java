package dev.messenger.core.messaging;

import dev.messenger.core.model.Message;
import java.util.List;

/** A page of history in ascending seq, and whether more exist beyond it in the asked direction. */
public record HistoryPage(List<Message> messages, boolean hasMore) {}
