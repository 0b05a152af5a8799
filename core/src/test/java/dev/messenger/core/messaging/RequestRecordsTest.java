package dev.messenger.core.messaging;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules {@link SendCommand} and {@link HistoryQuery} check for both edges. */
class RequestRecordsTest {

  @Test
  void historyQuery_noLimit_isTheDefaultPage() {
    assertThat(HistoryQuery.of("c", null, null, null).limit())
        .isEqualTo(HistoryQuery.DEFAULT_LIMIT);
    assertThat(HistoryQuery.of("c", 5L, null, 200L).limit()).isEqualTo(200);
  }

  @Test
  void historyQuery_limitOutOfRange_badRequestNamingTheRange() {
    for (long limit : new long[] {0, -1, 201, Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1}) {
      var e = assertFailsWith(ErrorCode.BAD_REQUEST, () -> HistoryQuery.of("c", null, null, limit));
      assertThat(e.getMessage()).isEqualTo("limit must be 1-200");
    }
  }

  @Test
  void historyQuery_bothDirectionsOrSmallSeqsOrNoConversation_badRequest() {
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> HistoryQuery.of("c", 5L, 1L, 10L));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> HistoryQuery.of("c", 0L, null, 10L));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> HistoryQuery.of("c", null, -1L, 10L));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> HistoryQuery.of(null, null, null, null));
    assertThat(HistoryQuery.of("c", null, 0L, 1L).after()).isZero();
  }

  @Test
  void sendCommand_attachmentsWithoutBody_bodyIsEmpty() {
    var cmd = new SendCommand("c", null, "k", null, List.of("md_1"));

    assertThat(cmd.body()).isEmpty();
    assertThat(cmd.attachments()).containsExactly("md_1");
  }

  @Test
  void sendCommand_elevenAttachmentsOrANullOne_badRequest() {
    List<String> eleven = Collections.nCopies(SendCommand.MAX_ATTACHMENTS + 1, "md_1");
    List<String> withNull = new ArrayList<>();
    withNull.add(null);

    assertFailsWith(ErrorCode.BAD_REQUEST, () -> new SendCommand("c", null, "k", "x", eleven));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> new SendCommand("c", null, "k", "x", withNull));
    assertThat(new SendCommand("c", null, "k", "x", eleven.subList(0, 10)).attachments())
        .hasSize(10);
  }

  @Test
  void sendCommand_missingBodyBadClientIdOrTarget_badRequest() {
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> new SendCommand("c", null, "k", null, null));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> new SendCommand("c", null, "", "x", null));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> new SendCommand("c", "u", "k", "x", null));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> new SendCommand(null, null, "k", "x", null));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> new SendCommand("c", null, "k", "a\u0000", null));
  }
}
