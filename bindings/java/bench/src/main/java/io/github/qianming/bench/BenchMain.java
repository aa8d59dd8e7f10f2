package io.github.qianming.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SignBenchmark} (JMH; defaults: 1 fork, 5 × 1 s warm-up, 10 × 1 s measurement;
 * JMH command-line options override them) and prints the ratios qianming / javax.crypto with
 * the machine's load average before and after.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions given = new CommandLineOptions(args);
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(given);
    if (given.getIncludes().isEmpty()) {
      builder.include(SignBenchmark.class.getName());
    }
    if (!given.getForkCount().hasValue()) {
      builder.forks(1);
    }
    if (!given.getWarmupIterations().hasValue()) {
      builder.warmupIterations(5);
    }
    if (!given.getWarmupTime().hasValue()) {
      builder.warmupTime(TimeValue.seconds(1));
    }
    if (!given.getMeasurementIterations().hasValue()) {
      builder.measurementIterations(10);
    }
    if (!given.getMeasurementTime().hasValue()) {
      builder.measurementTime(TimeValue.seconds(1));
    }
    Options options = builder.build();
    String loadBefore = loadAverage();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Result<?>> byName = new HashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      byName.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult());
    }
    System.out.println();
    System.out.println("load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAverage());
    ratio("request signature", byName.get("requestQianming"), byName.get("requestJavax"), 1.0);
    ratio("app_signature", byName.get("appSignatureQianming"), byName.get("appSignatureJavax"), 1.2);
  }

  private static void ratio(String what, Result<?> ours, Result<?> javax, double goal) {
    if (ours == null || javax == null) {
      return; // not both run (a narrower -include)
    }
    printRatio(what, ours, javax, goal);
  }

  private static void printRatio(String what, Result<?> ours, Result<?> javax, double goal) {
    double r = ours.getScore() / javax.getScore();
    System.out.printf("%-18s qianming %,.0f ± %,.0f ns, javax.crypto %,.0f ± %,.0f ns: %.2f× (goal ≤ %.1f×: %s)%n",
        what, ours.getScore(), ours.getScoreError(), javax.getScore(), javax.getScoreError(), r, goal,
        r <= goal ? "met" : "not met");
  }

  private static String loadAverage() {
    try {
      String[] f = new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
