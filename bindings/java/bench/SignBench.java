import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.github.qianming.Kingdee;
import io.github.qianming.Pair;

/**
 * Java through JNA against the same algorithm hand-written with javax.crypto (cached Mac), for
 * a Kingdee request signature and an app_signature. The hand-written version exists only here,
 * as the baseline; the binding itself holds no algorithm.
 */
public final class SignBench {
  static final String ID = "123456";
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final String PATH = "/jdyconnector/app_management/kingdee_auth_token";
  static final List<Pair> QUERY = List.of(new Pair("app_key", "abc"), new Pair("app_signature",
      "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=="));

  /** The baseline: ALGORITHMS.md §1 with javax.crypto, Mac keyed once and reused. */
  static final class JavaxSigner {
    private final Mac mac;

    JavaxSigner(String secret) throws Exception {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static String encode(String s, String keep) {
      StringBuilder b = new StringBuilder(s.length() + 16);
      for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (x & 0xff);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || keep.indexOf(c) >= 0) {
          b.append(c);
        } else if (c == ' ') {
          b.append('+');
        } else {
          b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
        }
      }
      return b.toString();
    }

    static String g(String s) {
      return encode(s, "-_.~");
    }

    static String j(String s) {
      return encode(s, "-_.*");
    }

    String hexHmac(String message) {
      byte[] d = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
      char[] out = new char[64];
      for (int i = 0; i < 32; i++) {
        out[2 * i] = Character.forDigit((d[i] >> 4) & 15, 16);
        out[2 * i + 1] = Character.forDigit(d[i] & 15, 16);
      }
      return new String(out);
    }

    Map<String, String> sign(String method, String path, List<Pair> query, String ts, String nonce) {
      List<String> firsts = new ArrayList<>();
      for (Pair p : query) {
        firsts.add(g(p.name()) + "=" + j(p.value()));
      }
      firsts.sort(null);
      StringBuilder q = new StringBuilder();
      for (String f : firsts) {
        int eq = f.indexOf('=');
        if (eq == 0) {
          continue;
        }
        if (q.length() > 0) {
          q.append('&');
        }
        q.append(g(f.substring(0, eq))).append('=').append(g(f.substring(eq + 1)));
      }
      String toSign = method + "\n" + g(path) + "\n" + q + "\nx-api-nonce:" + nonce + "\nx-api-timestamp:" + ts + "\n";
      String signature = Base64.getEncoder().encodeToString(hexHmac(toSign).getBytes(StandardCharsets.US_ASCII));
      return Map.of("X-Api-ClientID", ID, "X-Api-Auth-Version", "2.0", "X-Api-TimeStamp", ts, "X-Api-Nonce", nonce,
          "X-Api-SignHeaders", "X-Api-Nonce,X-Api-TimeStamp", "X-Api-Signature", signature);
    }
  }

  static volatile Object sink;

  interface Call {
    Object run() throws Exception;
  }

  static double measure(String name, Call call) throws Exception {
    for (int i = 0; i < 200_000; i++) {
      sink = call.run();
    }
    double best = Double.MAX_VALUE;
    int n = 200_000;
    for (int round = 0; round < 7; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink = call.run();
      }
      best = Math.min(best, (System.nanoTime() - start) / (double) n);
    }
    System.out.printf("%-44s %8.0f ns/call%n", name, best);
    return best;
  }

  public static void main(String[] args) throws Exception {
    JavaxSigner javax = new JavaxSigner(SECRET);
    Map<String, String> expected = javax.sign("GET", PATH, QUERY, "1700000000000", "1234567890");
    try (Kingdee.Signer signer = new Kingdee.Signer(ID, SECRET)) {
      Kingdee.SignedRequest out = signer.sign("GET", PATH, QUERY, List.of(), "1700000000000", "1234567890");
      if (!out.signature().equals(expected.get("X-Api-Signature"))) {
        throw new AssertionError("the baseline disagrees with libqianming");
      }
      double base = measure("request signature, javax.crypto (cached Mac)",
          () -> javax.sign("GET", PATH, QUERY, "1700000000000", "1234567890"));
      double jna = measure("request signature, JNA -> libqianming",
          () -> signer.sign("GET", PATH, QUERY, List.of(), "1700000000000", "1234567890").headers());
      System.out.printf("ratio JNA / javax.crypto (request): %.2f%n", jna / base);
    }
    Mac app = Mac.getInstance("HmacSHA256");
    app.init(new SecretKeySpec("abc123".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    JavaxSigner appBaseline = new JavaxSigner("abc123");
    double base = measure("app_signature, javax.crypto (cached Mac)", () -> Base64.getEncoder()
        .encodeToString(appBaseline.hexHmac("abc").getBytes(StandardCharsets.US_ASCII)));
    double jna = measure("app_signature, JNA -> libqianming", () -> Kingdee.appSignature("abc", "abc123"));
    System.out.printf("ratio JNA / javax.crypto (app_signature): %.2f%n", jna / base);
  }
}
