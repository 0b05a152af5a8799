package dev.messenger.server.spec;

import dev.messenger.client.ServerFrame;
import dev.messenger.client.ServerFrames;
import dev.messenger.client.WireTap;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The tests' {@link WireTap} (registered in META-INF/services): when the system property {@code
 * messenger.spec.check} is {@code true} (the server module's surefire configuration sets it), every
 * HTTP answer and server frame the SDK receives is checked against docs/openapi.json and
 * docs/asyncapi.json (and every frame must parse to a typed {@link ServerFrame}, not {@link
 * ServerFrame.Unknown}), and each problem is queued; {@link SpecCheckExtension} fails the running
 * test with them. Thread-safe.
 */
public final class SpecTap implements WireTap {
  private static final boolean ON = Boolean.getBoolean("messenger.spec.check");
  private static final Queue<String> PROBLEMS = new ConcurrentLinkedQueue<>();
  private static final java.util.concurrent.atomic.AtomicLong CHECKED =
      new java.util.concurrent.atomic.AtomicLong();
  private static volatile Spec spec;

  /** How many exchanges and frames were checked so far. */
  static long checked() {
    return CHECKED.get();
  }

  private static Spec spec() {
    Spec s = spec;
    if (s == null) {
      synchronized (SpecTap.class) {
        if (spec == null) {
          spec = new Spec();
        }
        s = spec;
      }
    }
    return s;
  }

  @Override
  public void http(
      String method,
      URI uri,
      String requestBody,
      int status,
      String contentType,
      String responseBody) {
    if (ON) {
      record(() -> spec().http(method, uri, requestBody, status, contentType, responseBody));
    }
  }

  @Override
  public void frame(String text) {
    if (ON) {
      record(
          () -> {
            List<String> problems = new ArrayList<>(spec().frame(text));
            if (ServerFrames.parse(text) instanceof ServerFrame.Unknown) {
              problems.add("the Java SDK has no typed ServerFrame for: " + text);
            }
            return problems;
          });
    }
  }

  @Override
  public void sent(String text) {
    if (ON) {
      record(() -> spec().clientFrame(text));
    }
  }

  private static void record(java.util.function.Supplier<List<String>> check) {
    try {
      CHECKED.incrementAndGet();
      PROBLEMS.addAll(check.get());
    } catch (RuntimeException e) {
      PROBLEMS.add("spec check failed: " + e);
    }
  }

  /** The problems queued since the last call, oldest first. */
  static List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String p; (p = PROBLEMS.poll()) != null; ) {
      out.add(p);
    }
    return out;
  }
}
