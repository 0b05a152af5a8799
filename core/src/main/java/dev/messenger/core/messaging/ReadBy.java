package dev.messenger.core.messaging;

import java.util.List;

/**
 * Who has a message (PROTOCOL.md section 4, {@code GET .../messages/{seq}/receipts}): the active
 * members other than its sender whose {@code deliveredSeq}, and whose {@code readSeq}, reached its
 * seq, in seniority order. Immutable.
 */
public record ReadBy(List<String> delivered, List<String> read) {
  public ReadBy {
    delivered = List.copyOf(delivered);
    read = List.copyOf(read);
  }
}
