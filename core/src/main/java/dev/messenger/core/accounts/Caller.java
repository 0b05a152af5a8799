package dev.messenger.core.accounts;

/** An authenticated caller: the user and the device whose token was presented. */
public record Caller(String userId, String deviceId) {}
