package dev.messenger.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The result of one scenario: its parameters, one or more rows of figures (saturation has one per
 * step), a summary, and the machine it ran on. Printed as a markdown table, saved as JSON with the
 * top-level fields {@code scenario}, {@code environment}, {@code params}, {@code rows} and {@code
 * summary}. Not thread-safe.
 */
final class Report {
  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private final Map<String, Object> summary = new LinkedHashMap<>();

  Report(String scenario) {
    root.put("scenario", scenario);
    root.put("environment", environment());
    root.put("params", params);
    root.put("rows", rows);
    root.put("summary", summary);
  }

  /** Date, cores, load average and JVM, so noisy figures can be told apart later. */
  static Map<String, Object> environment() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("dateUtc", Instant.now().toString());
    env.put("nproc", Runtime.getRuntime().availableProcessors());
    try {
      env.put("loadAverage", Files.readString(Path.of("/proc/loadavg")).trim());
    } catch (IOException e) {
      env.put("loadAverage", "unknown");
    }
    env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    return env;
  }

  Report param(String name, Object value) {
    params.put(name, value);
    return this;
  }

  /** Adds a row and returns it for filling. */
  Map<String, Object> row() {
    Map<String, Object> r = new LinkedHashMap<>();
    rows.add(r);
    return r;
  }

  List<Map<String, Object>> rows() {
    return rows;
  }

  Map<String, Object> summary() {
    return summary;
  }

  /** Puts p50/p99/p99.9/max of a µs histogram into {@code row} as {@code <prefix>P50Ms} etc. */
  static void putLatencies(Map<String, Object> row, String prefix, Histogram micros) {
    row.put(prefix + "P50Ms", ms(micros, 50));
    row.put(prefix + "P99Ms", ms(micros, 99));
    row.put(prefix + "P999Ms", ms(micros, 99.9));
    row.put(prefix + "MaxMs", micros.getTotalCount() == 0 ? 0 : round2(micros.getMaxValue() / 1e3));
  }

  static double ms(Histogram micros, double percentile) {
    if (micros.getTotalCount() == 0) {
      return 0;
    }
    return round2(micros.getValueAtPercentile(percentile) / 1e3);
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** A markdown rendering: parameters, a table of the rows, the summary. */
  String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("### ").append(root.get("scenario")).append("\n\n");
    sb.append("environment: ").append(root.get("environment")).append("\n\n");
    sb.append("params: ").append(params).append("\n\n");
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(r -> columns.addAll(r.keySet()));
    if (!columns.isEmpty()) {
      sb.append("| ").append(String.join(" | ", columns)).append(" |\n");
      sb.append("|").append("---|".repeat(columns.size())).append("\n");
      for (Map<String, Object> r : rows) {
        sb.append("|");
        for (String c : columns) {
          sb.append(" ").append(r.getOrDefault(c, "")).append(" |");
        }
        sb.append("\n");
      }
    }
    if (!summary.isEmpty()) {
      sb.append("\nsummary: ").append(summary).append("\n");
    }
    return sb.toString();
  }

  /** Writes the JSON form to {@code file}. */
  void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(
        file, Api.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
  }
}
