-- Messenger schema, version 5: accounts in real deployments and blocking (PROTOCOL.md sections 6
-- and 8). Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are ms since the epoch.

-- Profile: the avatar is a media id (readable by whoever can look the user up).
ALTER TABLE users ADD COLUMN avatar TEXT;
CREATE INDEX users_avatar ON users (avatar);
-- 0 while not suspended; a suspended user's tokens and logins get 403, its sockets close with 4003.
ALTER TABLE users ADD COLUMN suspended_at BIGINT NOT NULL DEFAULT 0;
-- 0 while the account exists; set once erased (username kept, reserved; display name cleared).
ALTER TABLE users ADD COLUMN deleted_at BIGINT NOT NULL DEFAULT 0;
-- External sign-in: the JWT issuer and subject the user is linked to (both null for others).
ALTER TABLE users ADD COLUMN external_iss TEXT;
ALTER TABLE users ADD COLUMN external_sub TEXT;
-- The operator's own id for the user, given through the admin API.
ALTER TABLE users ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX users_external ON users (external_iss, external_sub);
CREATE UNIQUE INDEX users_external_id ON users (external_id);

-- When the device's token was last used (a request or an open WebSocket); 0 before version 5,
-- read as created_at. A token idle for session-idle-timeout stops working.
ALTER TABLE devices ADD COLUMN last_active_at BIGINT NOT NULL DEFAULT 0;
-- Push status shown in GET /api/v1/devices: the last accepted push, the last failure.
ALTER TABLE devices ADD COLUMN push_last_success_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN push_last_error TEXT;

-- Who blocks whom. A block hides presence and typing both ways and stops their direct chat.
CREATE TABLE blocks (
  blocker_id TEXT NOT NULL,
  blocked_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX blocks_blocked ON blocks (blocked_id);

-- Erasures in progress: written in the transaction that revokes the devices, deleted in the one
-- that finishes. A node that starts finds the rows left by a crash and finishes them.
CREATE TABLE erasures (
  user_id      TEXT PRIMARY KEY,
  requested_at BIGINT NOT NULL
);
