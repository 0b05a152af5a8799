package dev.messenger.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds client frames for tests. */
final class Frames {
  private Frames() {}

  /** A frame of the given type, to be filled with {@code put}. */
  static ObjectNode frame(String type) {
    return JsonNodeFactory.instance.objectNode().put("type", type);
  }
}
