/**
 * The values the features share (messages, conversations, members, receipts) and the domain rules
 * on them that every store applies ({@link dev.messenger.core.model.Membership}, {@link
 * dev.messenger.core.model.Cursors}). A leaf: it depends on no other feature package, so that the
 * features can depend on it without cycles.
 */
package dev.messenger.core.model;
