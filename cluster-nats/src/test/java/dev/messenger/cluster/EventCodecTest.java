package dev.messenger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.SystemEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages survive the trip over NATS unchanged, the sending device included. */
class EventCodecTest {

  @Test
  void messageStored_roundTripsEveryField_senderDeviceIncluded() throws Exception {
    Message m =
        new Message(
            "c_1",
            7,
            "u_a",
            "d_phone",
            "cid-7",
            1_700_000_000_000L,
            Message.Kind.TEXT,
            "hi 👋",
            List.of(new Attachment("m_1", "image/png", 3, "a".repeat(64))),
            null);

    BusEvent decoded = EventCodec.decode(EventCodec.encode(new BusEvent.MessageStored(m)));

    assertThat(decoded).isInstanceOf(BusEvent.MessageStored.class);
    BusEvent.MessageStored stored = (BusEvent.MessageStored) decoded;
    assertThat(stored.message()).isEqualTo(m);
    assertThat(stored.message().senderDeviceId()).isEqualTo("d_phone");
  }

  @Test
  void systemMessage_roundTripsWithoutDevice() throws Exception {
    Message m =
        new Message(
            "c_1",
            2,
            "u_a",
            null,
            null,
            5,
            Message.Kind.SYSTEM,
            "",
            List.of(),
            new SystemEvent(SystemEvent.Action.MEMBER_ADDED, "u_b", "u_a", null));

    BusEvent.MessageStored stored =
        (BusEvent.MessageStored)
            EventCodec.decode(EventCodec.encode(new BusEvent.MessageStored(m)));

    assertThat(stored.message()).isEqualTo(m);
    assertThat(stored.message().senderDeviceId()).isNull();
  }
}
