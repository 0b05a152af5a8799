/**
 * Profiles (PROTOCOL.md section 8): display name and avatar edits, kept apart from {@code accounts}
 * because the avatar rule reads the media catalog.
 */
package dev.messenger.core.profiles;
