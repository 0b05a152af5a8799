package dev.messenger.core.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The SSRF guard for user-given push endpoints (PROTOCOL.md section 9): a Web Push endpoint whose
 * host resolves to a loopback, private, link-local, multicast, unspecified, shared (100.64/10) or
 * unique-local IPv6 address is refused, unless private addresses are allowed (setting {@code
 * push-allow-private}, for tests). Checked when subscribing and again before each send (DNS can
 * change). URLs from the operator's settings are not checked. Immutable and thread-safe; {@link
 * #refusal} blocks on DNS, so call it off event loops.
 *
 * <p>Limit: the HTTP client resolves the name again when it connects, so a name whose DNS answer
 * flips between the check and the connection (DNS rebinding inside a few milliseconds) is not
 * caught; the check stops the plain cases (an endpoint naming an internal host or address).
 */
public final class EndpointGuard {
  private final boolean allowPrivate;
  private final Resolver resolver;

  /** Resolves a host name to all its addresses (a seam for tests). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /**
   * @param allowPrivate accept every address (tests that run a push service on loopback)
   */
  public EndpointGuard(boolean allowPrivate) {
    this(allowPrivate, InetAddress::getAllByName);
  }

  public EndpointGuard(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /**
   * Why the endpoint may not be used, or null if it may: each address its host resolves to must be
   * public. A host that does not resolve is refused too.
   */
  public String refusal(URI endpoint) {
    if (allowPrivate) {
      return null;
    }
    String host = endpoint.getHost();
    if (host == null) {
      return "endpoint has no host";
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] all;
    try {
      all = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return "endpoint host " + host + " does not resolve";
    }
    for (InetAddress a : all) {
      if (isPrivate(a)) {
        return "endpoint host "
            + host
            + " resolves to a loopback, private, link-local or multicast address";
      }
    }
    return null;
  }

  /** True for addresses a user-given URL must not reach. */
  public static boolean isPrivate(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isSiteLocalAddress()
        || a.isLinkLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 0.0.0.0/8 "this network", 100.64.0.0/10 shared (CGNAT), 255.255.255.255 broadcast.
      return first == 0
          || (first == 100 && second >= 64 && second < 128)
          || (first == 255 && (b[3] & 0xff) == 255);
    }
    if (a instanceof Inet6Address) {
      // fc00::/7 unique-local; fec0::/10 (old site-local) is caught by isSiteLocalAddress.
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      // An IPv4 address embedded in IPv6 (::ffff:a.b.c.d mapped, ::a.b.c.d compatible).
      boolean zero10 = true;
      for (int i = 0; i < 10; i++) {
        zero10 &= b[i] == 0;
      }
      if (zero10
          && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
        try {
          byte[] v4 = {b[12], b[13], b[14], b[15]};
          return isPrivate(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }
}
