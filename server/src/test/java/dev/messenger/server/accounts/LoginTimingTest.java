package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.server.TestNode;
import dev.messenger.server.settings.AccountSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Usernames cannot be told apart by timing (issue 14): a login for an unknown username costs the
 * same as a wrong password for a known one, because the unknown one is verified against a dummy
 * hash. Compared statistically, not against a wall-clock threshold: many logins of both kinds,
 * interleaved in random order so that machine noise hits both alike, and a Mann-Whitney U test on
 * the two samples. As a control, the same test must tell apart a request that skips the hash (a
 * missing password: 400) from an unknown username: the test can see the difference it looks for.
 */
class LoginTimingTest {
  private static final int PER_KIND = 120;

  /** |z| beyond this is a difference (two-sided p of about 1e-4). */
  private static final double Z = 3.9;

  @Test
  void unknownUsername_costsTheSameAsAWrongPassword() throws Exception {
    // A realistic hash cost (4 MiB), well above the request's other costs.
    try (TestNode node =
        TestNode.start(TestNode.testSettings().with(AccountSettings.ARGON2_MEMORY_KIB, 4 * 1024))) {
      var known = node.newUser("known");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI uri = node.uri().resolve("/api/v1/sessions");
      String wrong = body(known.username(), "wrong password");
      String unknown = body("nobody_" + System.nanoTime() % 100000, "wrong password");
      String noHash = "{\"username\":\"" + known.username() + "\"}";
      for (int i = 0; i < 20; i++) { // warm up the JIT and the connection pool
        time(http, uri, wrong, 401);
        time(http, uri, unknown, 401);
        time(http, uri, noHash, 400);
      }
      List<Double> a = new ArrayList<>();
      List<Double> b = new ArrayList<>();
      List<Double> c = new ArrayList<>();
      Random random = new Random(14);
      int[] order = new int[3 * PER_KIND];
      for (int i = 0; i < order.length; i++) {
        order[i] = i % 3;
      }
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int kind : order) {
        switch (kind) {
          case 0 -> a.add(time(http, uri, wrong, 401));
          case 1 -> b.add(time(http, uri, unknown, 401));
          default -> c.add(time(http, uri, noHash, 400));
        }
      }
      double same = mannWhitneyZ(a, b);
      double control = mannWhitneyZ(b, c);
      System.out.printf(
          "LoginTimingTest: median wrong password %.2f ms, unknown user %.2f ms, no hash %.2f ms;"
              + " z(wrong vs unknown) = %.2f, z(unknown vs no hash) = %.2f%n",
          median(a), median(b), median(c), same, control);
      assertThat(Math.abs(control)).as("the control difference is seen").isGreaterThan(Z);
      assertThat(Math.abs(same)).as("wrong password vs unknown username").isLessThan(Z);
    }
  }

  private static String body(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }

  /** Milliseconds one login request took, end to end. */
  private static double time(HttpClient http, URI uri, String body, int expected) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long start = System.nanoTime();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - start) / 1e6;
    assertThat(res.statusCode()).isEqualTo(expected);
    return ms;
  }

  /** The normal approximation of the Mann-Whitney U statistic (ties given average ranks). */
  static double mannWhitneyZ(List<Double> x, List<Double> y) {
    int n1 = x.size();
    int n2 = y.size();
    double[][] all = new double[n1 + n2][];
    for (int i = 0; i < n1; i++) {
      all[i] = new double[] {x.get(i), 0};
    }
    for (int i = 0; i < n2; i++) {
      all[n1 + i] = new double[] {y.get(i), 1};
    }
    Arrays.sort(all, (p, q) -> Double.compare(p[0], q[0]));
    double rankSumX = 0;
    for (int i = 0; i < all.length; ) {
      int j = i;
      while (j + 1 < all.length && all[j + 1][0] == all[i][0]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (all[k][1] == 0) {
          rankSumX += rank;
        }
      }
      i = j + 1;
    }
    double u = rankSumX - n1 * (n1 + 1) / 2.0;
    double mean = n1 * n2 / 2.0;
    double sd = Math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12.0);
    return (u - mean) / sd;
  }

  private static double median(List<Double> v) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s[s.length / 2];
  }
}
