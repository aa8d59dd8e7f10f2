package io.github.qianming.bench;

import io.github.qianming.Pair;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The baseline: Kingdee's request signature and app_signature written by hand with
 * javax.crypto, the Mac keyed once and reused (docs/spec/kingdee.md). It exists only here, to
 * measure the binding against; the binding itself holds no algorithm.
 */
final class JavaxBaseline {
  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
  private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
  private final Mac mac;
  private final String clientId;

  JavaxBaseline(String clientId, String secret) throws GeneralSecurityException {
    this.clientId = clientId;
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
  }

  private static String encode(String s, String keep) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || keep.indexOf(c) >= 0) {
        b.append(c);
      } else if (c == ' ') {
        b.append('+');
      } else {
        b.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 15]);
      }
    }
    return b.toString();
  }

  private static String g(String s) {
    return encode(s, "-_.~");
  }

  private static String j(String s) {
    return encode(s, "-_.*");
  }

  /** Base64 of the lowercase hex of the HMAC of {@code message}. */
  String base64HexHmac(String message) {
    byte[] d = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    byte[] hex = new byte[64];
    for (int i = 0; i < 32; i++) {
      hex[2 * i] = (byte) HEX_LOWER[(d[i] >> 4) & 15];
      hex[2 * i + 1] = (byte) HEX_LOWER[d[i] & 15];
    }
    return Base64.getEncoder().encodeToString(hex);
  }

  /** The six X-Api-* headers of a request with the default signed headers. */
  Map<String, String> sign(String method, String path, List<Pair> query, String timestamp, String nonce) {
    List<String> firsts = new ArrayList<>();
    for (Pair p : query) {
      firsts.add(g(p.name()) + "=" + j(p.value()));
    }
    Collections.sort(firsts);
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
    String toSign = method + "\n" + g(path) + "\n" + q + "\nx-api-nonce:" + nonce + "\nx-api-timestamp:"
        + timestamp + "\n";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Api-ClientID", clientId);
    headers.put("X-Api-Auth-Version", "2.0");
    headers.put("X-Api-TimeStamp", timestamp);
    headers.put("X-Api-Nonce", nonce);
    headers.put("X-Api-SignHeaders", "X-Api-Nonce,X-Api-TimeStamp");
    headers.put("X-Api-Signature", base64HexHmac(toSign));
    return headers;
  }
}
