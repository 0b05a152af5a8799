package dev.messenger.core.accounts;

/** What a login returns: the secret token (shown once, stored only hashed) and its device. */
public record Session(String token, String userId, String deviceId) {}
