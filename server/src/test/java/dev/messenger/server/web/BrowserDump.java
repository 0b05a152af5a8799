package dev.messenger.server.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * On a failed web test: the browser's console on standard output and a screenshot in {@code
 * target/web-screenshots/failed-<test>.png}, to see what the page did.
 */
final class BrowserDump implements TestWatcher {
  private final Supplier<ChromeDriver> driver;

  BrowserDump(Supplier<ChromeDriver> driver) {
    this.driver = driver;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ChromeDriver d = driver.get();
    if (d == null) {
      return;
    }
    String name = context.getRequiredTestMethod().getName();
    try {
      System.out.println("---- browser after failure of " + name + " at " + d.getCurrentUrl());
      for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
        System.out.println("  " + e.getLevel() + " " + e.getMessage());
      }
      Path dir = Files.createDirectories(Path.of("target", "web-screenshots"));
      Files.write(dir.resolve("failed-" + name + ".png"), d.getScreenshotAs(OutputType.BYTES));
    } catch (Exception e) {
      System.out.println("  (no dump: " + e + ")");
    }
  }
}
