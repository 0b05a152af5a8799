/** The Messenger domain. */
package dev.messenger.core;
