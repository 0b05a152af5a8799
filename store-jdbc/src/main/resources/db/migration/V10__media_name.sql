-- Messenger schema, version 10: the file name an upload was given (PROTOCOL.md "Media", name).
-- Null for uploads without one and for every upload made before this version.
ALTER TABLE media ADD COLUMN name TEXT;
