package io.github.qianming;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Finds libqianming: the file or folder named by the system property {@value #PATH_PROPERTY}
 * when it is set; else the library packed in the jar for this platform (JNA's resource path,
 * e.g. {@code linux-x86-64/libqianming.so}); else JNA's own search ({@code jna.library.path},
 * then the system's library path).
 */
final class NativeLoader {
  /** The system property naming a libqianming installed by the user (a file or a folder). */
  static final String PATH_PROPERTY = "qianming.library.path";

  private static final String NAME = "qianming";
  private static volatile File loadedFrom;

  private NativeLoader() {}

  static NativeLibrary load() {
    NativeLibrary library = open();
    loadedFrom = library.getFile();
    return library;
  }

  private static NativeLibrary open() {
    String configured = System.getProperty(PATH_PROPERTY);
    if (configured != null && !configured.trim().isEmpty()) {
      File file = new File(configured);
      if (file.isDirectory()) {
        file = new File(file, System.mapLibraryName(NAME));
      }
      if (!file.isFile()) {
        throw new UnsatisfiedLinkError(
            "-D" + PATH_PROPERTY + "=" + configured + " names no libqianming (looked for " + file + ")");
      }
      return NativeLibrary.getInstance(file.getAbsolutePath());
    }
    ClassLoader loader = NativeLoader.class.getClassLoader();
    String resource = Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName(NAME);
    if (loader != null && loader.getResource(resource) != null) {
      try {
        return NativeLibrary.getInstance(Native.extractFromResourcePath(NAME, loader).getAbsolutePath());
      } catch (IOException e) {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("cannot unpack " + resource
            + " from the qianming jar (set jna.tmpdir to a writable, executable folder): " + e);
        error.initCause(e);
        throw error;
      }
    }
    // No library packed for this platform: JNA's search, with a clear message if it fails.
    try {
      return NativeLibrary.getInstance(NAME);
    } catch (UnsatisfiedLinkError e) {
      UnsatisfiedLinkError error = new UnsatisfiedLinkError("the qianming jar holds no libqianming for "
          + Platform.RESOURCE_PREFIX + " and none was found on the system; build it "
          + "(make -C bindings/c lib) and set -D" + PATH_PROPERTY + "=<its folder>: " + e.getMessage());
      error.initCause(e);
      throw error;
    }
  }

  /** The file libqianming was loaded from (a temporary copy when unpacked from the jar). */
  static File loadedFrom() {
    NativeLib.init();
    return loadedFrom;
  }

  /** The version of this Java package (from the jar), or null when built without Maven. */
  static String packageVersion() {
    InputStream in = NativeLoader.class.getResourceAsStream("qianming.properties");
    if (in == null) {
      return null;
    }
    try {
      Properties properties = new Properties();
      try {
        properties.load(in);
      } finally {
        in.close();
      }
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read qianming.properties from the jar", e);
    }
  }

  /** The library and the Java package are released together: another version is refused. */
  static void checkVersion(String nativeVersion) {
    String mine = packageVersion();
    if (mine != null && !mine.equals(nativeVersion)) {
      throw new UnsatisfiedLinkError("libqianming " + nativeVersion + " (" + loadedFrom
          + ") does not match the qianming Java package " + mine
          + "; use the library of the same release");
    }
  }
}
