package io.github.qianming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The repository the tests read: vectors/, the C header, Cargo.toml (-Dqianming.repo). */
final class Repo {
  private Repo() {}

  static final ObjectMapper JSON = new ObjectMapper();

  static Path root() {
    String root = System.getProperty("qianming.repo");
    if (root == null) {
      throw new IllegalStateException("run the tests through Maven (it sets -Dqianming.repo)");
    }
    return Paths.get(root).toAbsolutePath().normalize();
  }

  static String read(String relative) throws IOException {
    return new String(Files.readAllBytes(root().resolve(relative)), StandardCharsets.UTF_8);
  }

  /** Every vectors/*.json, sorted by name. */
  static List<Path> vectorFiles() {
    File[] files = root().resolve("vectors").toFile().listFiles((dir, name) -> name.endsWith(".json"));
    if (files == null) {
      throw new IllegalStateException("no vectors/ under " + root());
    }
    List<Path> out = new ArrayList<>();
    for (File f : files) {
      out.add(f.toPath());
    }
    out.sort(null);
    return out;
  }

  static JsonNode json(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }
}
