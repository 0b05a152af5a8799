-- Messenger schema, version 9: push to phones (PROTOCOL.md section 9). Portable SQL: runs
-- unchanged on SQLite and PostgreSQL.

-- The device's push type: webpush, fcm or apns. NULL on rows from before version 9 (read as
-- webpush when push_endpoint is set). For fcm and apns, push_endpoint holds the device token.
-- Kept when a push service invalidates the subscription (the endpoint columns are cleared), so
-- GET /api/v1/devices can still show the last error; cleared on unsubscribe and logout.
ALTER TABLE devices ADD COLUMN push_type TEXT;
-- APNs only: production or sandbox.
ALTER TABLE devices ADD COLUMN push_environment TEXT;
