package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import java.io.File;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One version everywhere, and the library comes from the package's own resources. */
class VersionTest {
  static String workspaceVersion() throws Exception {
    String cargo = Repo.read("Cargo.toml");
    Matcher m = Pattern.compile("\\[workspace\\.package\\][^\\[]*?^version = \"([^\"]+)\"",
        Pattern.MULTILINE | Pattern.DOTALL).matcher(cargo);
    if (!m.find()) {
      throw new AssertionError("no [workspace.package] version in Cargo.toml");
    }
    return m.group(1);
  }

  @Test
  void thePomTheJarAndTheLibraryShareTheWorkspaceVersion() throws Exception {
    String workspace = workspaceVersion();
    assertEquals(workspace, System.getProperty("qianming.project.version"), "pom.xml <version>");
    assertEquals(workspace, Qianming.version(), "qianming.properties in the jar");
    assertEquals(workspace, Qianming.nativeVersion(), "qm_version()");
  }

  @Test
  void theLibraryIsThePackagedOneWithNoSystemProperty() {
    assertNull(System.getProperty("jna.library.path"));
    assertNull(System.getProperty(Qianming.LIBRARY_PATH_PROPERTY));
    File file = Qianming.nativeLibraryFile();
    String expected = File.separator + Platform.RESOURCE_PREFIX + File.separator + "libqianming.so";
    assertTrue(file.getPath().endsWith(expected), file.getPath());
  }
}
