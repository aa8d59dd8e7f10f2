package qianming;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A request for any HTTP client to send, as a token function built it. It carries credentials:
 * {@link #toString} leaves out header values and the body (the URL is printed as is, and some
 * URLs carry a token, e.g. the OAuth user-info request).
 *
 * @param method the upper-case method, e.g. {@code POST}
 * @param url the absolute URL, percent-encoded
 * @param headers the headers to send, in order (names as spelled)
 * @param body the body, or null when the request has none (an empty body is {@code ""})
 */
public record HttpRequest(String method, String url, List<Pair> headers, String body) {
  /** {@code sizeof(qm_http_request)}: method, url, header_count, 8 headers, body. */
  static final int SIZE = 312;

  /** Reads the {@code qm_http_request} at {@code at} in the struct block copy {@code b}. */
  static HttpRequest read(Scratch s, byte[] out, ByteBuffer b, int at) {
    int n = (int) b.getLong(at + 32);
    Pair[] headers = new Pair[n];
    for (int i = 0; i < n; i++) {
      headers[i] = new Pair(s.str(out, b, at + 40 + 32 * i), s.str(out, b, at + 56 + 32 * i));
    }
    return new HttpRequest(s.str(out, b, at), s.str(out, b, at + 16), List.of(headers),
        s.optStr(out, b, at + 296));
  }

  /** The value of the first header named {@code name} (any case), or null. */
  public String header(String name) {
    for (Pair h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    StringBuilder names = new StringBuilder();
    for (Pair h : headers) {
      names.append(names.length() == 0 ? "" : ", ").append(h.name());
    }
    return "HttpRequest[" + method + " " + url + ", headers=[" + names + "], body="
        + (body == null ? "none" : body.length() + " chars") + "]";
  }
}
