/**
 * The user's rights over its data (PROTOCOL.md section 8; GDPR articles 17 and 20): {@link
 * dev.messenger.core.privacy.Erasure} of an account, resumable after a crash, and the {@link
 * dev.messenger.core.privacy.Export} of everything held about it.
 */
package dev.messenger.core.privacy;
