package dev.messenger.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.messenger.core.media.Media;
import dev.messenger.core.media.MediaStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MediaStore}, run against every adapter (files, S3): subclasses say how to
 * make a fresh, empty store.
 */
public abstract class MediaStoreContract {
  protected MediaStore store;

  /** A new store with no objects in it. */
  protected abstract MediaStore newStore() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    store = newStore();
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static Path file(byte[] content) throws Exception {
    Path p = Files.createTempFile("media-contract", ".bin");
    Files.write(p, content);
    return p;
  }

  private byte[] read(String key, long offset, long length) throws Exception {
    try (InputStream in = store.open(key, offset, length)) {
      return in.readAllBytes();
    }
  }

  @Test
  void put_thenOpen_returnsTheSameBytes() throws Exception {
    byte[] content = bytes(70_000, 1);
    String key = Media.contentKey("ab" + "0".repeat(62));
    Path source = file(content);

    store.put(key, source);
    Files.deleteIfExists(source);

    assertThat(store.exists(key)).isTrue();
    assertThat(store.size(key)).isEqualTo(content.length);
    assertThat(read(key, 0, content.length)).isEqualTo(content);
  }

  @Test
  void open_withOffsetAndLength_returnsThatRange() throws Exception {
    byte[] content = bytes(3 * 1024 * 1024 + 17, 2);
    String key = "media/cd/range";
    store.put(key, file(content));

    assertThat(read(key, 0, 1)).isEqualTo(Arrays.copyOfRange(content, 0, 1));
    assertThat(read(key, 1000, 5000)).isEqualTo(Arrays.copyOfRange(content, 1000, 6000));
    int last = content.length - 10;
    assertThat(read(key, last, 10)).isEqualTo(Arrays.copyOfRange(content, last, content.length));
  }

  @Test
  void missingKey_doesNotExist_andOpenFailsWithNoSuchFile() throws Exception {
    assertThat(store.exists("media/ee/missing")).isFalse();
    assertThatThrownBy(() -> store.open("media/ee/missing", 0, 1))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> store.size("media/ee/missing"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void putSameKeyTwice_withTheSameBytes_keepsThem() throws Exception {
    byte[] content = bytes(1000, 3);
    store.put("media/aa/twice", file(content));
    store.put("media/aa/twice", file(content));

    assertThat(read("media/aa/twice", 0, content.length)).isEqualTo(content);
  }

  @Test
  void delete_removesTheObject_andIsIdempotent() throws Exception {
    store.put("thumbs/bb/gone", file(bytes(10, 4)));

    store.delete("thumbs/bb/gone");
    store.delete("thumbs/bb/gone");

    assertThat(store.exists("thumbs/bb/gone")).isFalse();
  }

  @Test
  void emptyObject_roundTrips() throws Exception {
    store.put("media/00/empty", file(new byte[0]));

    assertThat(store.exists("media/00/empty")).isTrue();
    assertThat(store.size("media/00/empty")).isZero();
  }

  @Test
  void keysAreIndependent() throws Exception {
    byte[] one = bytes(100, 5);
    byte[] two = bytes(200, 6);
    store.put("media/11/one", file(one));
    store.put("media/11/two", file(two));

    assertThat(read("media/11/one", 0, 100)).isEqualTo(one);
    assertThat(read("media/11/two", 0, 200)).isEqualTo(two);
  }
}
