package dev.messenger.core.model;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.model.Member.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The domain rules the stores apply, on their own: {@link Membership} and {@link Cursors}. */
class RulesTest {

  private static Member member(String userId, Role role, long joined, long leftSeq) {
    return new Member("c", userId, role, joined, 0, 0, leftSeq);
  }

  @Test
  void heir_noActiveAdmin_longestStandingActiveMemberBecomesAdmin() {
    List<Member> members =
        List.of(
            member("a", Role.ADMIN, 1, 5),
            member("zed", Role.MEMBER, 2, 0),
            member("amy", Role.MEMBER, 3, 0),
            member("old", Role.MEMBER, 1, 4));

    assertThat(Membership.heir(members))
        .hasValueSatisfying(
            heir -> {
              assertThat(heir.userId()).isEqualTo("zed");
              assertThat(heir.role()).isEqualTo(Role.ADMIN);
              assertThat(heir.joinedSeq()).isEqualTo(2);
            });
  }

  @Test
  void heir_sameJoin_lowerUserIdFirst() {
    List<Member> members = List.of(member("b", Role.MEMBER, 1, 0), member("a", Role.MEMBER, 1, 0));

    assertThat(Membership.heir(members)).map(Member::userId).contains("a");
  }

  @Test
  void heir_adminRemainsOrNobodyLeft_none() {
    assertThat(
            Membership.heir(List.of(member("a", Role.ADMIN, 1, 0), member("b", Role.MEMBER, 2, 0))))
        .isEmpty();
    assertThat(Membership.heir(List.of(member("a", Role.MEMBER, 1, 3)))).isEmpty();
  }

  @Test
  void joined_firstTime_cursorsJustBelowTheJoin() {
    Member m = Membership.joined(null, "c", "u", 7);

    assertThat(m).isEqualTo(new Member("c", "u", Role.MEMBER, 7, 6, 6, 0));
  }

  @Test
  void joined_again_keepsHigherCursors_dropsAdmin() {
    Member before = new Member("c", "u", Role.ADMIN, 1, 9, 8, 10);

    Member m = Membership.joined(before, "c", "u", 5);

    assertThat(m).isEqualTo(new Member("c", "u", Role.MEMBER, 5, 9, 8, 0));
  }

  @Test
  void advance_readImpliesDelivered_neverBack() {
    Member m = new Member("c", "u", Role.MEMBER, 1, 2, 1, 0);

    CursorMove read = Cursors.advance(m, 10, ReceiptStatus.READ, 4);
    CursorMove older = Cursors.advance(read.member(), 10, ReceiptStatus.DELIVERED, 3);

    assertThat(read.member().deliveredSeq()).isEqualTo(4);
    assertThat(read.member().readSeq()).isEqualTo(4);
    assertThat(read.deliveredMoved()).isTrue();
    assertThat(read.readMoved()).isTrue();
    assertThat(older.member()).isEqualTo(read.member());
    assertThat(older.deliveredMoved() || older.readMoved()).isFalse();
  }

  @Test
  void advance_aboveLastSeq_badRequest_formerOrNoMember_notFound() {
    Member m = new Member("c", "u", Role.MEMBER, 1, 0, 0, 0);

    assertFailsWith(ErrorCode.BAD_REQUEST, () -> Cursors.advance(m, 3, ReceiptStatus.READ, 4));
    assertFailsWith(ErrorCode.NOT_FOUND, () -> Cursors.advance(null, 3, ReceiptStatus.READ, 1));
    assertFailsWith(
        ErrorCode.NOT_FOUND,
        () -> Cursors.advance(Membership.left(m, 2), 3, ReceiptStatus.READ, 1));
  }
}
