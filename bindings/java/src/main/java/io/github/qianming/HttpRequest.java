package io.github.qianming;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A request for any HTTP client to send, as a builder of qianming made it. It carries
 * credentials: {@link #toString} leaves out header values and the body (the URL is printed as
 * is, and some URLs carry a token, e.g. the OAuth user-info request). Immutable.
 */
public final class HttpRequest extends Value {
  /** {@code QM_HTTP_MAX_HEADERS}: the headers a {@code qm_http_request} holds (checked by ParityTest). */
  static final int MAX_HEADERS = 12;
  /** {@code sizeof(qm_http_request)}: method, url, header_count, the headers, body. */
  static final int SIZE = 40 + 32 * MAX_HEADERS + 16;

  private final String method;
  private final String url;
  private final List<Pair> headers;
  private final String body;

  private HttpRequest(String method, String url, List<Pair> headers, String body) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.body = body;
  }

  /** Reads the {@code qm_http_request} at {@code at} in the struct block copy {@code b}. */
  static HttpRequest read(Scratch s, byte[] out, ByteBuffer b, int at) {
    int n = (int) b.getLong(at + 32);
    Pair[] headers = new Pair[n];
    for (int i = 0; i < n; i++) {
      headers[i] = new Pair(s.str(out, b, at + 40 + 32 * i), s.str(out, b, at + 56 + 32 * i));
    }
    return new HttpRequest(s.str(out, b, at), s.str(out, b, at + 16), Calls.unmodifiable(headers),
        s.optStr(out, b, at + 40 + 32 * MAX_HEADERS));
  }

  /** Runs a request builder (its {@code qm_http_request} at the start of the struct block). */
  static HttpRequest build(Scratch s, Calls.Call call) {
    return Calls.struct(s, SIZE, call, (x, out, st) -> read(x, out, st, 0));
  }

  /** A request builder whose arguments are strings, staged as {@code t} ({@link Scratch#texts}). */
  interface TextsCall {
    int run(Scratch x, long[] t);
  }

  /** Stages {@code texts} and runs a request builder on them, as {@link #build(Scratch, Calls.Call)}. */
  static HttpRequest build(TextsCall call, String... texts) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(texts);
    s.commit();
    return build(s, x -> call.run(x, t));
  }

  /**
   * The method.
   *
   * @return the upper-case method, e.g. {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * The URL.
   *
   * @return the absolute URL, percent-encoded, visible ASCII only
   */
  public String url() {
    return url;
  }

  /**
   * The headers to send.
   *
   * @return the headers in order, names as spelled (unmodifiable)
   */
  public List<Pair> headers() {
    return headers;
  }

  /**
   * The body.
   *
   * @return the body, or null when the request has none (an empty body is {@code ""})
   */
  public String body() {
    return body;
  }

  /**
   * The value of the first header named {@code name}, in any case.
   *
   * @param name a header name
   * @return its value, or null
   */
  public String header(String name) {
    for (Pair h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  @Override
  Object[] fields() {
    return new Object[] {"method", method, "url", url, "headers", headers, "body", body};
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
