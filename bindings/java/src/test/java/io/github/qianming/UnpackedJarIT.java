package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar as a user gets it: copied (and unpacked) into an empty folder, a small program
 * compiled with {@code --release 8} against it, run with only the jar and JNA on the class path
 * and no system property, on every JDK named by -Dqianming.it.java.homes. Run by Failsafe after
 * {@code package}.
 */
class UnpackedJarIT {
  static final String SEED_APP_SIGNATURE =
      "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==";

  @TempDir
  static Path folder;
  static Path jar;
  static Path unpacked;
  static Path program;
  static Path jna;

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("run through Maven's verify (it sets -D" + name + ")");
    }
    return value;
  }

  @BeforeAll
  static void layOutTheJarAndCompileTheProgram() throws IOException {
    Path built = Paths.get(property("qianming.jar"));
    jna = Paths.get(property("qianming.jna.jar"));
    jar = Files.createDirectories(folder.resolve("jar")).resolve(built.getFileName());
    Files.copy(built, jar, StandardCopyOption.REPLACE_EXISTING);
    unpacked = Files.createDirectories(folder.resolve("unpacked"));
    unpack(jar, unpacked);
    program = Files.createDirectories(folder.resolve("program"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "--release", "8", "-Xlint:all", "-Werror", "-d",
        program.toString(), "-cp", jar + File.pathSeparator + jna, property("qianming.it.program"));
    assertEquals(0, status, "javac --release 8 of the program");
  }

  static void unpack(Path jarFile, Path into) throws IOException {
    try (JarFile zip = new JarFile(jarFile.toFile())) {
      Enumeration<JarEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        Path target = into.resolve(e.getName()).normalize();
        assertTrue(target.startsWith(into), e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(e)) {
            Files.copy(in, target);
          }
        }
      }
    }
  }

  static List<String> javaHomes() {
    return Arrays.asList(property("qianming.it.java.homes").split(","));
  }

  /** Runs the program on one JDK, in the empty folder, without LD_LIBRARY_PATH. */
  static String[] run(String javaHome, String classPath, String... options) throws Exception {
    List<String> command = new ArrayList<>(Arrays.asList(options));
    command.add("PrintAppSignature");
    return runMain(javaHome, classPath, command.toArray(new String[0]));
  }

  /** Runs {@code java [options] -cp classPath main} ({@code optionsAndMain} ends with the class). */
  static String[] runMain(String javaHome, String classPath, String... optionsAndMain) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(javaHome, "bin", "java").toString());
    command.addAll(Arrays.asList(optionsAndMain).subList(0, optionsAndMain.length - 1));
    command.addAll(Arrays.asList("-cp", classPath, optionsAndMain[optionsAndMain.length - 1]));
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
    Map<String, String> env = builder.environment();
    env.remove("LD_LIBRARY_PATH");
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("CLASSPATH");
    Process process = builder.start();
    String out = read(process.getInputStream());
    String err = read(process.getErrorStream());
    return new String[] {Integer.toString(process.waitFor()), out, err};
  }

  static String read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    for (int n; (n = in.read(chunk)) > 0; ) {
      bytes.write(chunk, 0, n);
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  static String classPath(Path qianming) {
    return program + File.pathSeparator + qianming + File.pathSeparator + jna;
  }

  static String line(String out, String key) {
    for (String l : out.split("\n")) {
      if (l.startsWith(key + "=")) {
        return l.substring(key.length() + 1);
      }
    }
    throw new AssertionError("no " + key + " line in:\n" + out);
  }

  /** Runs the program on {@code home}; it must exit 0 with the seed's app_signature. Returns {exit, out, err}. */
  static String[] signs(String home, String classPath) throws Exception {
    String[] r = run(home, classPath);
    assertEquals("0", r[0], home + ": " + r[2]);
    assertEquals(SEED_APP_SIGNATURE, line(r[1], "app_signature"), home);
    return r;
  }

  @Test
  void theJarAloneSignsOnEveryJdk() throws Exception {
    for (String home : javaHomes()) {
      String[] r = signs(home, classPath(jar));
      // Unpacked by JNA from the jar into its temporary folder: not the build's copy.
      String library = line(r[1], "library");
      assertTrue(!library.contains("bindings" + File.separator + "c"), library);
      System.out.println(home + ": " + r[1].trim().replace('\n', ';'));
    }
  }

  @Test
  void theUnpackedJarLoadsItsOwnLibrary() throws Exception {
    for (String home : javaHomes()) {
      String[] r = signs(home, classPath(unpacked));
      assertTrue(line(r[1], "library").startsWith(unpacked.toRealPath().toString()), r[1]);
    }
  }

  @Test
  void theReadmeExampleCompilesForJava8AndRuns() throws Exception {
    String readme = new String(Files.readAllBytes(Paths.get(property("qianming.readme"))), StandardCharsets.UTF_8);
    int start = readme.indexOf("```java\n");
    assertTrue(start >= 0, "README.md has a ```java block");
    String source = readme.substring(start + 8, readme.indexOf("```\n", start + 8));
    Path dir = Files.createDirectories(folder.resolve("readme"));
    Files.write(dir.resolve("Example.java"), source.getBytes(StandardCharsets.UTF_8));
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "8", "-Xlint:all",
        "-Werror", "-d", dir.toString(), "-cp", jar + File.pathSeparator + jna, dir.resolve("Example.java").toString());
    assertEquals(0, status, "javac --release 8 of the README's example");
    for (String home : javaHomes()) {
      String[] r = runMain(home, dir + File.pathSeparator + jar + File.pathSeparator + jna, "Example");
      assertEquals("0", r[0], home + ": " + r[2]);
      String[] lines = r[1].split("\n");
      assertEquals(SEED_APP_SIGNATURE, lines[0], r[1]);
      assertEquals("REUSE", lines[lines.length - 2], r[1]);
    }
  }

  @Test
  void theLibraryPathPropertyWins() throws Exception {
    String home = javaHomes().get(0);
    Path installed = Files.createDirectories(folder.resolve("installed"));
    Path lib = installed.resolve("libqianming.so");
    Files.copy(unpacked.resolve(com.sun.jna.Platform.RESOURCE_PREFIX).resolve("libqianming.so"), lib,
        StandardCopyOption.REPLACE_EXISTING);
    String[] r = run(home, classPath(jar), "-D" + Qianming.LIBRARY_PATH_PROPERTY + "=" + installed);
    assertEquals("0", r[0], r[2]);
    assertEquals(lib.toAbsolutePath().toString(), line(r[1], "library"));
    assertEquals(SEED_APP_SIGNATURE, line(r[1], "app_signature"));

    String[] missing = run(home, classPath(jar), "-D" + Qianming.LIBRARY_PATH_PROPERTY + "=" + folder.resolve("none"));
    assertNotEquals("0", missing[0]);
    assertTrue(missing[2].contains(Qianming.LIBRARY_PATH_PROPERTY), missing[2]);
  }
}
