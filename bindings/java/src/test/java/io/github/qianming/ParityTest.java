package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java binding covers the C ABI: every function of qianming.h, its constants and layouts. */
class ParityTest {
  static String header() throws Exception {
    return Repo.read("bindings/c/include/qianming.h");
  }

  static long define(String header, String name) {
    Matcher m = Pattern.compile("^#define " + name + " (\\d+)$", Pattern.MULTILINE).matcher(header);
    if (!m.find()) {
      throw new AssertionError("qianming.h defines no " + name);
    }
    return Long.parseLong(m.group(1));
  }

  static long status(String header, String name) {
    Matcher m = Pattern.compile("^  " + name + " = (\\d+),$", Pattern.MULTILINE).matcher(header);
    if (!m.find()) {
      throw new AssertionError("qianming.h has no status " + name);
    }
    return Long.parseLong(m.group(1));
  }

  @Test
  void everyCFunctionHasAJavaCounterpart() throws Exception {
    Set<String> inHeader = new TreeSet<>();
    Matcher m = Pattern.compile("^[a-z][a-z0-9_ ]*[ *](qm_[a-z0-9_]+)\\(", Pattern.MULTILINE).matcher(header());
    while (m.find()) {
      inHeader.add(m.group(1));
    }
    Set<String> bound = new TreeSet<>();
    for (Method method : NativeLib.class.getDeclaredMethods()) {
      if (Modifier.isNative(method.getModifiers())) {
        bound.add(method.getName());
      }
    }
    assertEquals(inHeader, bound);
    assertEquals(true, inHeader.size() >= 64, "functions found in the header: " + inHeader.size());
  }

  @Test
  void constantsComeFromTheCAbi() throws Exception {
    String h = header();
    assertEquals(define(h, "QM_DEFAULT_WINDOW_MS"), Kingdee.DEFAULT_WINDOW_MS);
    assertEquals(define(h, "QM_DEFAULT_WINDOW_MS"), Weaver.DEFAULT_WINDOW_MS);
    assertEquals(define(h, "QM_WEAVER_DEFAULT_REPLAY_CAPACITY"), Weaver.DEFAULT_REPLAY_CAPACITY);
    assertEquals(define(h, "QM_KINGDEE_DEFAULT_REPLAY_CAPACITY"), Kingdee.DEFAULT_REPLAY_CAPACITY);
    // The struct layouts the wrapper reads (64-bit): qm_http_request holds QM_HTTP_MAX_HEADERS.
    assertEquals(define(h, "QM_HTTP_MAX_HEADERS"), HttpRequest.MAX_HEADERS);
    assertEquals(40 + 32 * define(h, "QM_HTTP_MAX_HEADERS") + 16, HttpRequest.SIZE);
    assertEquals(define(h, "QM_K3CLOUD_SIGNED_HEADER_COUNT"), K3Cloud.SIGNED_HEADER_COUNT);
    assertEquals(define(h, "QM_K3CLOUD_DEFAULT_LCID"), K3Cloud.DEFAULT_LCID);
    assertEquals(define(h, "QM_ECOLOGY_SEED_LEN"), Ecology.SEED_LEN);
    assertEquals(define(h, "QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S"), Ecology.DEFAULT_TOKEN_LIFETIME_S);
    assertEquals(define(h, "QM_KINGDEE_SIGNER_HEADER_COUNT"), 6);
    assertEquals(define(h, "QM_BASIC_MODE_BASIC"), Apusic.Mode.BASIC.code);
    assertEquals(define(h, "QM_BASIC_MODE_RAW"), Apusic.Mode.RAW.code);
    assertEquals(define(h, "QM_WECOM_RANDOM_LEN"), WeCom.RANDOM_LEN);
    assertEquals(status(h, "QM_STATUS_INSUFFICIENT_SIZE"), Scratch.INSUFFICIENT_SIZE);
    assertEquals(status(h, "QM_STATUS_INVALID_UNICODE"), Scratch.INVALID_UNICODE);
    assertEquals(status(h, "QM_STATUS_INPUT_TOO_LARGE"), Scratch.INPUT_TOO_LARGE);
    assertEquals(status(h, "QM_STATUS_REPLAYED"), Scratch.REPLAYED);
    assertEquals(status(h, "QM_STATUS_REPLAY_STORE_UNAVAILABLE"), Scratch.REPLAY_STORE_UNAVAILABLE);
  }
}
