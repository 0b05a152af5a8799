package dev.messenger.core.push;

/**
 * How much of a message a push carries (setting {@code push-preview}, PROTOCOL.md section 9): the
 * only way message text leaves the server, and the operator's choice.
 */
public enum PushPreview {
  /** Only ids: conversation, seq, sender. The default. */
  NONE,
  /** Also the sender's display name. */
  SENDER,
  /** Also the sender's display name and the first 100 code points of the body. */
  FULL
}
