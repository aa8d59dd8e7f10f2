package io.github.qianming;

import java.io.File;

/**
 * The package itself: its version, the version of libqianming it loaded and where from.
 *
 * <p>libqianming is found, in this order: the file or folder named by the system property
 * {@value #LIBRARY_PATH_PROPERTY}; the library packed in this jar for the platform (Linux
 * x86-64 and aarch64); JNA's own search ({@code jna.library.path}, the system's library path).
 * The library must be of the same release as this package.
 */
public final class Qianming {
  private Qianming() {}

  /** The system property naming a libqianming installed by the user: the file or its folder. */
  public static final String LIBRARY_PATH_PROPERTY = NativeLoader.PATH_PROPERTY;

  /**
   * The version of this Java package.
   *
   * @return e.g. {@code "0.1.0"}, or null when the classes were not built by Maven
   */
  public static String version() {
    return NativeLoader.packageVersion();
  }

  /**
   * The version of the loaded libqianming ({@code qm_version}).
   *
   * @return e.g. {@code "0.1.0"}
   */
  public static String nativeVersion() {
    NativeLib.init();
    return NativeLib.qm_version();
  }

  /**
   * The file libqianming was loaded from: a temporary copy when unpacked from the jar.
   *
   * @return the file
   */
  public static File nativeLibraryFile() {
    return NativeLoader.loadedFrom();
  }
}
