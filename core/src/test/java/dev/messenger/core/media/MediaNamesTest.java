package dev.messenger.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import org.junit.jupiter.api.Test;

/** The file-name rules of PROTOCOL.md "Media" ({@code ?name=}). */
class MediaNamesTest {

  @Test
  void blankIsNoName_andNamesAreTrimmedAndNfcNormalised() {
    assertThat(MediaNames.check(null)).isNull();
    assertThat(MediaNames.check("   ")).isNull();
    assertThat(MediaNames.check("  report.pdf ")).isEqualTo("report.pdf");
    // "e" + combining acute becomes the single code point "é".
    assertThat(MediaNames.check("caf\u0065\u0301.png")).isEqualTo("caf\u00e9.png");
    assertThat(MediaNames.check("🎉 party 👨‍👩‍👧.jpg")).isEqualTo("🎉 party 👨‍👩‍👧.jpg");
    assertThat(MediaNames.check("x".repeat(255))).hasSize(255);
  }

  @Test
  void pathsControlsDirectionMarksAndOverlongNamesAreRefused() {
    for (String bad :
        new String[] {
          "a/b",
          "a\\b",
          ".",
          "..",
          "tab\there",
          "nul\u0000",
          "del\u007f",
          "rtl\u202egnp.exe",
          "iso\u2066x",
          "lrm\u200e",
          "x".repeat(256),
          "é".repeat(300),
          "lone\ud800"
        }) {
      assertThatThrownBy(() -> MediaNames.check(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              MessengerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
  }
}
