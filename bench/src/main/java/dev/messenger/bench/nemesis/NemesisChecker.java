package dev.messenger.bench.nemesis;

import dev.messenger.client.HistoryPage;
import dev.messenger.client.MessageView;
import dev.messenger.client.MessengerClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end-of-run check of the nemesis, through the HTTP API only: every conversation's history
 * (read by every device of every member, each through its own node) is gap-free from seq 1, holds
 * each {@code clientId} once, and has every acknowledged message at its acknowledged seq; and all
 * devices of a user read the same history. Answers the breaches found, as sentences.
 */
final class NemesisChecker {
  private NemesisChecker() {}

  static List<String> check(NemesisClients clients) {
    List<String> breaches = new ArrayList<>();
    Map<String, List<String>> seenBy = new HashMap<>();
    Map<String, List<MessageView>> reference = new HashMap<>();
    for (NemesisClients.User u : clients.users()) {
      for (String cid : u.conversations) {
        for (int d = 0; d < 2; d++) {
          List<MessageView> history = history(clients.client(u, d), cid);
          List<MessageView> ref = reference.putIfAbsent(cid, history);
          if (ref != null && !same(ref, history)) {
            breaches.add(
                "device "
                    + d
                    + " of "
                    + u.name
                    + " reads another history of "
                    + cid
                    + " ("
                    + history.size()
                    + " vs "
                    + ref.size()
                    + " messages)");
          }
          seenBy.computeIfAbsent(cid, c -> new ArrayList<>()).add(u.name + "/" + d);
        }
      }
    }
    reference.forEach(
        (cid, history) ->
            checkOne(cid, history, clients.acked().getOrDefault(cid, Map.of()), breaches));
    for (String cid : clients.acked().keySet()) {
      if (!reference.containsKey(cid)) {
        breaches.add("acknowledged messages in " + cid + " that no member can read");
      }
    }
    return breaches;
  }

  private static void checkOne(
      String cid, List<MessageView> history, Map<Long, String> acked, List<String> breaches) {
    Set<String> clientIds = new HashSet<>();
    for (int i = 0; i < history.size(); i++) {
      MessageView m = history.get(i);
      if (m.seq() != i + 1) {
        breaches.add(cid + ": seq " + m.seq() + " at position " + (i + 1) + " (a gap)");
        return;
      }
      if (m.clientId() != null && !clientIds.add(m.clientId())) {
        breaches.add(cid + ": clientId " + m.clientId() + " stored twice");
      }
    }
    acked.forEach(
        (seq, clientId) -> {
          if (seq < 1 || seq > history.size()) {
            breaches.add(cid + ": acknowledged seq " + seq + " (" + clientId + ") is missing");
          } else if (!clientId.equals(history.get((int) (seq - 1)).clientId())) {
            breaches.add(
                cid
                    + ": seq "
                    + seq
                    + " holds "
                    + history.get((int) (seq - 1)).clientId()
                    + ", acknowledged for "
                    + clientId);
          }
        });
  }

  private static boolean same(List<MessageView> a, List<MessageView> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).seq() != b.get(i).seq()
          || !java.util.Objects.equals(a.get(i).clientId(), b.get(i).clientId())) {
        return false;
      }
    }
    return true;
  }

  /** The whole history, ascending, in pages of 200. */
  static List<MessageView> history(MessengerClient client, String cid) {
    List<MessageView> all = new ArrayList<>();
    long after = 0;
    while (true) {
      HistoryPage page = client.history(cid, null, after, 200);
      all.addAll(page.messages());
      if (!page.hasMore() || page.messages().isEmpty()) {
        return all;
      }
      after = page.messages().get(page.messages().size() - 1).seq();
    }
  }
}
