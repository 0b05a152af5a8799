package dev.messenger.server.media;

import dev.messenger.core.contract.MediaStoreContract;
import dev.messenger.core.media.MediaStore;
import java.nio.file.Files;

/** The {@link MediaStoreContract} on {@link FileMediaStore}. */
class MediaStoreFileTest extends MediaStoreContract {
  @Override
  protected MediaStore newStore() throws Exception {
    return new FileMediaStore(Files.createTempDirectory("media-store"));
  }
}
