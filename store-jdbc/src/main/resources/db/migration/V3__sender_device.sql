-- Messenger schema, version 3: the device that sent a message. Portable SQL: runs unchanged on
-- SQLite and PostgreSQL.

-- The device whose socket sent the message (it got `sent` instead of a `message` frame). Null for
-- system messages, for messages sent over HTTP and for every message stored before version 3.
-- Not on the wire: the edge reads it to skip the sending device when it fans out or fills gaps.
ALTER TABLE messages ADD COLUMN sender_device_id TEXT;
