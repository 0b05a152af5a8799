/**
 * Accounts, devices and contacts (PROTOCOL.md section 2, "Accounts and sessions", "Contacts"):
 * registration, login (one device per login, opaque token stored as a hash), logout, lookup.
 */
package dev.messenger.core.accounts;
