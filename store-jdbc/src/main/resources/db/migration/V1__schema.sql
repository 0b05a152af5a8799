-- Messenger schema, version 1. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- Times are ms since the Unix epoch. Ids are opaque text.

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,           -- lower-case
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  last_seen     BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE devices (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users (id),
  name          TEXT,
  token_hash    TEXT NOT NULL UNIQUE,           -- SHA-256 hex of the token; the token is never stored
  created_at    BIGINT NOT NULL,
  revoked_at    BIGINT NOT NULL DEFAULT 0,
  push_endpoint TEXT,
  push_p256dh   TEXT,
  push_auth     TEXT
);
CREATE INDEX devices_user ON devices (user_id);

CREATE TABLE contacts (
  owner_id   TEXT NOT NULL REFERENCES users (id),
  contact_id TEXT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (owner_id, contact_id)
);

CREATE TABLE conversations (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,                  -- direct | group
  name          TEXT,
  direct_key    TEXT UNIQUE,                    -- "<smaller user id>|<larger user id>" for direct ones
  last_seq      BIGINT NOT NULL DEFAULT 0,
  last_activity BIGINT NOT NULL,
  created_at    BIGINT NOT NULL
);

CREATE TABLE members (
  conversation_id TEXT NOT NULL REFERENCES conversations (id),
  user_id         TEXT NOT NULL REFERENCES users (id),
  role            TEXT NOT NULL,                -- admin | member
  joined_seq      BIGINT NOT NULL,              -- first seq the member may see
  delivered_seq   BIGINT NOT NULL DEFAULT 0,
  read_seq        BIGINT NOT NULL DEFAULT 0,
  left_seq        BIGINT NOT NULL DEFAULT 0,    -- 0 while active
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX members_user ON members (user_id, left_seq);

CREATE TABLE messages (
  conversation_id TEXT NOT NULL,
  seq             BIGINT NOT NULL,
  sender_id       TEXT NOT NULL,
  client_id       TEXT,                         -- null for system messages
  ts              BIGINT NOT NULL,
  kind            TEXT NOT NULL,                -- text | system
  body            TEXT NOT NULL,
  attachments     TEXT,                         -- media ids joined by ','
  event_action    TEXT,
  event_user_id   TEXT,
  event_name      TEXT,
  PRIMARY KEY (conversation_id, seq)
);
-- Idempotent send: one message per (sender, clientId).
CREATE UNIQUE INDEX messages_client_id ON messages (sender_id, client_id);
