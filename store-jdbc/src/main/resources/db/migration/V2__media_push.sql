-- Messenger schema, version 2: media and the messages that carry them. Portable SQL: runs
-- unchanged on SQLite and PostgreSQL. Push subscriptions already live on devices (V1).

-- One row per upload. Identical bytes are stored once (storage_key is made from sha256), and the
-- same user uploading the same bytes again gets the same row (unique owner_id, sha256); another
-- user gets a row of its own, so "the uploader may read it" stays exact and ids leak nothing.
CREATE TABLE media (
  id          TEXT PRIMARY KEY,
  owner_id    TEXT NOT NULL,
  mime        TEXT NOT NULL,                    -- detected from the content, e.g. image/png
  size        BIGINT NOT NULL,                  -- bytes
  sha256      TEXT NOT NULL,                    -- lower-case hex of the content
  storage_key TEXT NOT NULL,                    -- key in the media store (files or S3)
  created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX media_owner_sha256 ON media (owner_id, sha256);
CREATE INDEX media_sha256 ON media (sha256);

-- Which message carries which media: who may download it (members who can see the message).
-- messages.attachments keeps the media objects for reading history without a join.
CREATE TABLE message_media (
  conversation_id TEXT NOT NULL,
  seq             BIGINT NOT NULL,
  media_id        TEXT NOT NULL,
  PRIMARY KEY (conversation_id, seq, media_id)
);
CREATE INDEX message_media_media ON message_media (media_id);
