package dev.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefsTest {

  @Test
  void next_isUniqueAndShort() {
    Refs refs = new Refs();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String ref = refs.next();
      assertThat(ref).startsWith(Refs.PREFIX).hasSizeLessThanOrEqualTo(64);
      assertThat(seen.add(ref)).as("unique: %s", ref).isTrue();
    }
  }
}
