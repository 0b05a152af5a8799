/** Full-text search of the messages a user may see (PROTOCOL.md section 7). */
package dev.messenger.core.search;
