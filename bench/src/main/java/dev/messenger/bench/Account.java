package dev.messenger.bench;

/**
 * A user the bench registered, with one logged-in device.
 *
 * @param username unique per run (the run's prefix plus an index)
 * @param password the password it registered with
 * @param userId the server's id of the user
 * @param token bearer token of the device
 */
public record Account(String username, String password, String userId, String token) {
  public Account withToken(String newToken) {
    return new Account(username, password, userId, newToken);
  }
}
