package dev.messenger.core.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Which addresses the SSRF guard refuses (PROTOCOL.md section 9). */
class EndpointGuardTest {

  private static boolean privateAddress(String literal) throws UnknownHostException {
    return EndpointGuard.isPrivate(InetAddress.getByName(literal));
  }

  @Test
  void loopbackPrivateLinkLocalMulticastUnspecifiedUniqueLocal_arePrivate() throws Exception {
    for (String a :
        new String[] {
          "127.0.0.1",
          "127.8.9.10",
          "10.1.2.3",
          "172.16.0.1",
          "172.31.255.255",
          "192.168.1.1",
          "169.254.169.254",
          "224.0.0.1",
          "0.0.0.0",
          "100.64.0.1",
          "255.255.255.255",
          "::1",
          "::",
          "fe80::1",
          "fc00::1",
          "fd12:3456::1",
          "ff02::1",
          "::ffff:127.0.0.1",
          "::ffff:10.0.0.1"
        }) {
      assertThat(privateAddress(a)).as(a).isTrue();
    }
  }

  @Test
  void publicAddresses_areNot() throws Exception {
    for (String a :
        new String[] {"8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "1.1.1.1"}) {
      assertThat(privateAddress(a)).as(a).isFalse();
    }
  }

  @Test
  void refusal_checksEveryResolvedAddress_andUnresolvableHosts() {
    EndpointGuard guard =
        new EndpointGuard(
            false,
            host ->
                switch (host) {
                  case "mixed.example" ->
                      new InetAddress[] {
                        InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.5")
                      };
                  case "public.example" -> new InetAddress[] {InetAddress.getByName("8.8.4.4")};
                  default -> throw new UnknownHostException(host);
                });
    assertThat(guard.refusal(URI.create("https://public.example/push/1"))).isNull();
    assertThat(guard.refusal(URI.create("https://mixed.example/push/1"))).contains("private");
    assertThat(guard.refusal(URI.create("https://nowhere.example/x"))).contains("does not resolve");
    assertThat(new EndpointGuard(false).refusal(URI.create("http://127.0.0.1:9/x")))
        .contains("loopback");
    assertThat(new EndpointGuard(false).refusal(URI.create("http://[::1]:9/x")))
        .contains("loopback");
    assertThat(new EndpointGuard(true).refusal(URI.create("http://127.0.0.1:9/x"))).isNull();
  }
}
