import io.github.qianming.Kingdee;
import io.github.qianming.Qianming;

/**
 * A user's program: only the qianming jar and JNA on its class path, compiled with --release 8
 * (UnpackedJarIT). Prints the seed's app_signature and where libqianming came from.
 */
public final class PrintAppSignature {
  private PrintAppSignature() {}

  public static void main(String[] args) {
    System.out.println("app_signature=" + Kingdee.appSignature("abc", "abc123"));
    System.out.println("library=" + Qianming.nativeLibraryFile().getAbsolutePath());
    System.out.println("version=" + Qianming.version() + " native=" + Qianming.nativeVersion());
  }
}
