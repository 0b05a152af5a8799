package dev.messenger.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code Content-Disposition} of downloads (RFC 6266, RFC 5987 {@code filename*}). */
class ContentDispositionTest {

  @Test
  void inlineForPicturesAudioVideo_attachmentOtherwise() {
    assertThat(ContentDisposition.of("image/png", "a.png", "md_1")).startsWith("inline;");
    assertThat(ContentDisposition.of("audio/webm", "v.webm", "md_1")).startsWith("inline;");
    assertThat(ContentDisposition.of("video/mp4", "v.mp4", "md_1")).startsWith("inline;");
    assertThat(ContentDisposition.of("application/pdf", "a.pdf", "md_1")).startsWith("attachment;");
  }

  @Test
  void namesArePercentEncodedUtf8_withAnAsciiFallback() {
    assertThat(ContentDisposition.of("application/pdf", "a \"b\"; c=%.pdf", "md_1"))
        .isEqualTo(
            "attachment; filename=\"a _b_; c=%.pdf\"; filename*=UTF-8''a%20%22b%22%3B%20c%3D%25.pdf");
    assertThat(ContentDisposition.of("image/jpeg", "🎉.jpg", "md_1"))
        .isEqualTo("inline; filename=\"_.jpg\"; filename*=UTF-8''%F0%9F%8E%89.jpg");
    assertThat(ContentDisposition.of("application/pdf", null, "md_9"))
        .isEqualTo("attachment; filename=\"md_9.pdf\"; filename*=UTF-8''md_9.pdf");
  }
}
