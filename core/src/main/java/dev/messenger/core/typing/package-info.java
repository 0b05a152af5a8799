/** Typing indicators: relayed to the other members, never stored (PROTOCOL.md "Typing"). */
package dev.messenger.core.typing;
