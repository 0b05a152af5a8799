package dev.messenger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.model.Update;
import dev.messenger.core.store.NewUpdate;
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

  @Test
  void versionTwoDetails_andUpdateEntries_roundTrip() throws Exception {
    Message reply =
        new Message(
            "c_1",
            8,
            "u_a",
            "d_1",
            "cid-8",
            9,
            Message.Kind.TEXT,
            "re",
            List.of(),
            null,
            new MessageDetails(
                7L, List.of("u_b", "u_c"), true, null, false, List.of(), null, null));
    Message entry =
        new NewUpdate("c_1", "u_b", null, 10, new Update(Update.Action.EDITED, 8, "new", null))
            .at(9);
    for (Message m : List.of(reply, entry)) {
      BusEvent.MessageStored stored =
          (BusEvent.MessageStored)
              EventCodec.decode(EventCodec.encode(new BusEvent.MessageStored(m)));
      assertThat(stored.message()).isEqualTo(m);
    }
    assertThat(EventCodec.decode(EventCodec.encode(new BusEvent.ConversationChanged("u_a", "c_1"))))
        .isEqualTo(new BusEvent.ConversationChanged("u_a", "c_1"));
  }

  @Test
  void accountEvents_roundTrip() throws Exception {
    for (BusEvent e :
        new BusEvent[] {
          new BusEvent.BlockChanged("u_a", "u_b", true),
          new BusEvent.BlockChanged("u_a", "u_b", false),
          new BusEvent.UserSuspended("u_c", true),
          new BusEvent.UserSuspended("u_c", false),
          new BusEvent.DeviceRevoked("d_1")
        }) {
      assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
    }
  }
}
