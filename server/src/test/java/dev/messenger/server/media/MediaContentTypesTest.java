package dev.messenger.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Type detection from the content: the declared type refines, never replaces. */
class MediaContentTypesTest {
  @TempDir Path dir;

  private String detect(byte[] bytes, String declared) throws Exception {
    Path f = Files.createTempFile(dir, "s", ".bin");
    Files.write(f, bytes);
    return ContentTypes.detect(f, declared);
  }

  @Test
  void detect_eachSample_fromItsBytes() throws Exception {
    assertThat(detect(MediaSamples.png(10, 10), null)).isEqualTo("image/png");
    assertThat(detect(MediaSamples.jpeg(10, 10), null)).isEqualTo("image/jpeg");
    assertThat(detect(MediaSamples.pdf(), null)).isEqualTo("application/pdf");
    assertThat(detect(MediaSamples.wav(100), null)).isEqualTo("audio/wav");
    assertThat(detect(MediaSamples.mp4(100), null)).isEqualTo("video/mp4");
    assertThat(detect(MediaSamples.oggVorbis(), null)).isEqualTo("audio/ogg");
    assertThat(detect(MediaSamples.mp3(), null)).isEqualTo("audio/mpeg");
  }

  @Test
  void detect_lyingHeader_doesNotChangeTheType() throws Exception {
    assertThat(detect(MediaSamples.text(), "image/png")).isEqualTo("text/plain");
    assertThat(detect(MediaSamples.exe(), "video/mp4")).isEqualTo("application/x-msdownload");
    assertThat(detect(MediaSamples.png(4, 4), "application/pdf")).isEqualTo("image/png");
  }

  @Test
  void detect_declaredSubtype_refinesTheContainer() throws Exception {
    assertThat(detect(MediaSamples.mp4(100), "audio/mp4")).isEqualTo("audio/mp4");
  }
}
