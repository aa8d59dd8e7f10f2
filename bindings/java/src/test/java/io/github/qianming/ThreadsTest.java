package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One signer and one verifier shared by 8 threads give exactly the single-thread results. */
class ThreadsTest {
  static final int THREADS = 8;
  static final int REQUESTS = 300;
  static final String KEY = "1234567890abcdef";
  static final long T0 = 1_700_000_000_000L;

  /** A varied request: path, query and extra signed header depend on i. */
  static String[] request(int i) {
    return new String[] {i % 3 == 0 ? "POST" : "GET", "/jdy/v2/路径/" + i, "k" + (i % 7), "v " + i,
        Long.toString(T0 + i), Kingdee.nonceFromEntropy(i * 7919L)};
  }

  static Kingdee.SignedRequest sign(Kingdee.Signer signer, int i) {
    String[] r = request(i);
    return signer.sign(r[0], r[1], Arrays.asList(Pair.of(r[2], r[3]), Pair.of("app_key", "abc")),
        Collections.singletonList(Pair.of("X-Trace", "t" + i)), r[4], r[5]);
  }

  /** What a signed request produced, as one comparable string. */
  static String fingerprint(Kingdee.SignedRequest s) {
    return s.stringToSign() + "|" + s.signature() + "|" + s.headers() + "|" + s.wireQuery();
  }

  /** The headers a server receives for request i (the six X-Api-* and the extra one). */
  static List<Pair> received(Kingdee.SignedRequest s, int i) {
    List<Pair> headers = new ArrayList<>(s.headers());
    headers.add(Pair.of("x-trace", "t" + i));
    return headers;
  }

  static Kingdee.Verified verify(Kingdee.SignedRequest s, int i) {
    String[] r = request(i);
    return Kingdee.verify("s3cret", Kingdee.DEFAULT_WINDOW_MS, r[0], r[1],
        Arrays.asList(Pair.of(r[2], r[3]), Pair.of("app_key", "abc")), received(s, i), T0 + i);
  }

  /** Runs {@code work(t)} on 8 threads at once; returns each thread's result. */
  static <T> List<T> onThreads(final Work<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        final int thread = t;
        futures.add(pool.submit((Callable<T>) () -> work.run(thread)));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  interface Work<T> {
    T run(int thread) throws Exception;
  }

  /** The indexes 0..n-1 in an order that differs per thread. */
  static List<Integer> shuffled(int n, int seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    return order;
  }

  @Test
  void aSharedSignerAndStatelessVerificationMatchOneThread() throws Exception {
    try (Kingdee.Signer signer = new Kingdee.Signer("123456", "s3cret")) {
      final String[] expected = new String[REQUESTS];
      final String[] verified = new String[REQUESTS];
      for (int i = 0; i < REQUESTS; i++) {
        Kingdee.SignedRequest s = sign(signer, i);
        expected[i] = fingerprint(s);
        verified[i] = verify(s, i).toString();
      }
      List<String[]> perThread = onThreads(thread -> {
        String[] got = new String[2 * REQUESTS];
        for (int i : shuffled(REQUESTS, thread)) {
          Kingdee.SignedRequest s = sign(signer, i);
          got[i] = fingerprint(s);
          got[REQUESTS + i] = verify(s, i).toString();
        }
        return got;
      });
      for (String[] got : perThread) {
        for (int i = 0; i < REQUESTS; i++) {
          assertEquals(expected[i], got[i], "signature of request " + i);
          assertEquals(verified[i], got[REQUESTS + i], "verification of request " + i);
        }
      }
    }
  }

  @Test
  void aSharedKingdeeVerifierAcceptsEachRequestExactlyOnce() throws Exception {
    final Kingdee.SignedRequest[] signed = new Kingdee.SignedRequest[REQUESTS];
    try (Kingdee.Signer signer = new Kingdee.Signer("123456", "s3cret")) {
      for (int i = 0; i < REQUESTS; i++) {
        signed[i] = sign(signer, i);
      }
    }
    try (Kingdee.Verifier shared = new Kingdee.Verifier("s3cret", Kingdee.DEFAULT_WINDOW_MS)) {
      List<String[]> perThread = onThreads(thread -> {
        String[] got = new String[REQUESTS];
        for (int i : shuffled(REQUESTS, 300 + thread)) {
          String[] r = request(i);
          try {
            got[i] = shared.verify(r[0], r[1], Arrays.asList(Pair.of(r[2], r[3]), Pair.of("app_key", "abc")),
                received(signed[i], i), T0 + REQUESTS).toString();
          } catch (QianmingException e) {
            got[i] = e.kind();
          }
        }
        return got;
      });
      for (int i = 0; i < REQUESTS; i++) {
        String accepted = verify(signed[i], i).toString();
        int passed = 0;
        for (String[] got : perThread) {
          if (got[i].equals(accepted)) {
            passed++;
          } else {
            assertEquals("replayed", got[i], "request " + i);
          }
        }
        assertEquals(1, passed, "request " + i + " passed once");
      }
      assertEquals(REQUESTS, shared.remembered());
    }
  }

  @Test
  void aSharedWeaverVerifierAcceptsEachSignExactlyOnce() throws Exception {
    final String[] signs = new String[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      signs[i] = Weaver.sign("app", "secret", KEY, T0 + i);
    }
    // One thread: every sign passes once (with its timestamp), then is replayed.
    try (Weaver.Verifier one = new Weaver.Verifier("app", "secret", KEY, Weaver.DEFAULT_WINDOW_MS)) {
      for (int i = 0; i < REQUESTS; i++) {
        assertEquals(T0 + i, one.verify(signs[i], T0 + i));
      }
    }
    // Eight threads verify every sign: per sign, exactly one pass with the same timestamp, and
    // seven replays.
    try (Weaver.Verifier shared = new Weaver.Verifier("app", "secret", KEY, Weaver.DEFAULT_WINDOW_MS)) {
      List<String[]> perThread = onThreads(thread -> {
        String[] got = new String[REQUESTS];
        for (int i : shuffled(REQUESTS, 100 + thread)) {
          try {
            got[i] = Long.toString(shared.verify(signs[i], T0 + i));
          } catch (QianmingException e) {
            got[i] = e.kind();
          }
        }
        return got;
      });
      for (int i = 0; i < REQUESTS; i++) {
        int passed = 0;
        int replayed = 0;
        for (String[] got : perThread) {
          if (got[i].equals(Long.toString(T0 + i))) {
            passed++;
          } else {
            assertEquals("replayed", got[i], "sign " + i);
            replayed++;
          }
        }
        assertEquals(1, passed, "sign " + i + " passed once");
        assertEquals(THREADS - 1, replayed, "sign " + i + " replayed");
      }
    }
  }

  @Test
  void eachThreadKeepsItsOwnBuffers() throws Exception {
    // Static functions from 8 threads (per-thread scratch memory): the single-thread answers.
    final String[] expected = new String[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      expected[i] = Kingdee.appSignature("key" + i, "secret" + i) + Weaver.sign("a" + i, "s", KEY, T0 + i)
          + Basic.authorizationHeader("u" + i, "p:" + i);
    }
    List<Boolean> ok = onThreads(thread -> {
      for (int i : shuffled(REQUESTS, 200 + thread)) {
        String got = Kingdee.appSignature("key" + i, "secret" + i) + Weaver.sign("a" + i, "s", KEY, T0 + i)
            + Basic.authorizationHeader("u" + i, "p:" + i);
        if (!got.equals(expected[i])) {
          return false;
        }
      }
      return true;
    });
    assertTrue(!ok.contains(false), ok.toString());
  }
}
