-- Messenger schema, version 7: the webhook outbox (PROTOCOL.md section 8 "Webhooks"). Portable SQL:
-- runs unchanged on SQLite and PostgreSQL. A row is written in the same transaction as the change
-- it reports and deleted once a receiver answered 2xx (or the event was dropped after
-- webhook-retry-for), so a crash loses none.
CREATE TABLE webhook_outbox (
  id              TEXT PRIMARY KEY,                -- the event id receivers deduplicate by
  type            TEXT NOT NULL,                   -- e.g. message.created
  conversation_id TEXT NOT NULL,                   -- ordering key; '' for user events
  seq             BIGINT NOT NULL,                 -- order within the conversation (0 for others)
  body            TEXT NOT NULL,                   -- the JSON POSTed: {"id","type","ts","data"}
  created_at      BIGINT NOT NULL,                 -- epoch ms
  next_attempt_at BIGINT NOT NULL,                 -- epoch ms; backoff after a failure
  attempts        INTEGER NOT NULL DEFAULT 0,
  claimed_by      TEXT,                            -- node sending it now
  claimed_until   BIGINT NOT NULL DEFAULT 0        -- epoch ms; the claim lapses after it
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at);
CREATE INDEX webhook_outbox_order ON webhook_outbox (conversation_id, seq);
