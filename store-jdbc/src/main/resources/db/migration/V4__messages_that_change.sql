-- Messenger schema, version 4: messages that change and what each member keeps for itself
-- (PROTOCOL.md sections 4 and 5). Portable SQL: runs unchanged on SQLite and PostgreSQL.

-- A message row always holds its current state: an edit replaces `body` and sets `edited_at`; a
-- delete empties body, attachments and mentions and sets `deleted`. Update entries are rows of
-- kind 'update' with `update_action`, `update_target` and, for edits and reactions, `update_body`
-- or `update_emoji` (their `body` is '').
ALTER TABLE messages ADD COLUMN reply_to BIGINT;
ALTER TABLE messages ADD COLUMN mentions TEXT;                       -- user ids joined by ','
ALTER TABLE messages ADD COLUMN forwarded SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN edited_at BIGINT;
ALTER TABLE messages ADD COLUMN deleted SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN update_action TEXT;
ALTER TABLE messages ADD COLUMN update_target BIGINT;
ALTER TABLE messages ADD COLUMN update_body TEXT;
ALTER TABLE messages ADD COLUMN update_emoji TEXT;
-- The seq of the newest update entry applied to this message (null if none): a device that reads
-- the message in this state applies only the update entries above it.
ALTER TABLE messages ADD COLUMN update_seq BIGINT;

-- Who reacted with what. `added_seq` is the seq of the update entry that added the row (users list
-- in that order); `emoji_seq` is the seq at which the emoji appeared on the message, kept while
-- anyone still has it (emoji list in that order: "the order first used", the same order a device
-- gets by applying the update entries one by one).
CREATE TABLE reactions (
  conversation_id TEXT NOT NULL,
  seq             BIGINT NOT NULL,
  emoji           TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  added_seq       BIGINT NOT NULL,
  emoji_seq       BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq, emoji, user_id)
);

-- Pinned messages; `pinned_seq` is the seq of the update entry that pinned it.
CREATE TABLE pins (
  conversation_id TEXT NOT NULL,
  seq             BIGINT NOT NULL,
  pinned_seq      BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);

-- What each member keeps for itself: muted until (ms since the epoch, 0 = not muted), archived,
-- and the seq at or below which it cleared the chat for itself.
ALTER TABLE members ADD COLUMN muted_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN archived SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN cleared_seq BIGINT NOT NULL DEFAULT 0;
