/**
 * Online/offline presence with last seen (PROTOCOL.md "Presence"): who may see whom, the grace
 * period before offline, and the {@link dev.messenger.core.presence.PresenceRegistry} port.
 */
package dev.messenger.core.presence;
