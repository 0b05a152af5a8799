package dev.messenger.server.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check that needs nothing but the JVM already in the image (no curl): {@code
 * java -cp /app/classes dev.messenger.server.ops.HealthCheck http://127.0.0.1:8080/health/ready}
 * exits 0 when the URL answers 200 within 4 s, and 1 otherwise (printing why). Plain HTTP: a node
 * serving TLS is checked by its orchestrator's probe instead (Kubernetes {@code httpGet} with
 * {@code scheme: HTTPS}). Stateless.
 */
public final class HealthCheck {
  private HealthCheck() {}

  public static void main(String[] args) {
    System.exit(check(args.length > 0 ? args[0] : "http://127.0.0.1:8080/health/ready"));
  }

  /** 0 if {@code url} answers 200, else 1. */
  public static int check(String url) {
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(4)).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return 0;
      }
      System.out.println(url + " answered " + r.statusCode() + ": " + r.body());
      return 1;
    } catch (Exception e) {
      System.out.println(url + " did not answer: " + e);
      return 1;
    }
  }
}
