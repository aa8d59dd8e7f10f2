package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * close() while 8 threads use a signer or a verifier: it waits for the calls in flight and
 * frees memory no call uses; every call before it gives the right answer, every call after it
 * throws IllegalStateException. (Before the fix, close could free the signer under a running
 * sign().)
 */
class CloseTest {
  static final int THREADS = ThreadsTest.THREADS;
  /** Signs each thread makes before close is called, and the most it makes in all. */
  static final int BEFORE_CLOSE = 200;
  static final int AT_MOST = 1_000_000;

  /** What each thread saw: right answers before close, IllegalStateException after. */
  static final class Seen {
    int right;
    int closed;
  }

  interface Use {
    /** One call; returns whether its answer is right. */
    boolean call(int i);
  }

  /** Starts 8 threads calling {@code use}, closes once each made BEFORE_CLOSE calls. */
  static List<Seen> closeDuringUse(final Use use, AutoCloseable resource) throws Exception {
    final CountDownLatch warm = new CountDownLatch(THREADS);
    final AtomicInteger wrong = new AtomicInteger();
    List<Seen> seen = ThreadsTest.onThreads(new ThreadsTest.Work<Seen>() {
      private final AtomicInteger started = new AtomicInteger();

      @Override
      public Seen run(int thread) throws Exception {
        if (started.incrementAndGet() == THREADS) {
          // The last worker to start closes, from its own thread, once everyone is busy.
          Thread closer = new Thread(() -> {
            try {
              warm.await();
              resource.close();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
          closer.start();
        }
        Seen s = new Seen();
        for (int i = 0; i < AT_MOST; i++) {
          try {
            if (use.call(thread * AT_MOST + i)) {
              s.right++;
            } else {
              wrong.incrementAndGet();
            }
          } catch (IllegalStateException e) {
            s.closed++;
            break;
          }
          if (s.right == BEFORE_CLOSE) {
            warm.countDown();
          }
        }
        return s;
      }
    });
    assertEquals(0, wrong.get(), "wrong answers");
    for (Seen s : seen) {
      assertTrue(s.right >= BEFORE_CLOSE, "calls before close: " + s.right);
      assertEquals(1, s.closed, "the call after close threw IllegalStateException");
    }
    return seen;
  }

  @Test
  void closingASignerWhile8ThreadsSign() throws Exception {
    final Kingdee.Signer signer = new Kingdee.Signer("123456", "s3cret");
    final String[] expected = new String[16];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = ThreadsTest.fingerprint(ThreadsTest.sign(signer, i));
    }
    closeDuringUse(i -> ThreadsTest.fingerprint(ThreadsTest.sign(signer, i % 16)).equals(expected[i % 16]),
        signer);
    IllegalStateException after = assertThrows(IllegalStateException.class,
        () -> ThreadsTest.sign(signer, 0));
    assertEquals("the signer is closed", after.getMessage());
    assertThrows(IllegalStateException.class,
        () -> signer.tokenRequest("https://api.kingdee.com", "abc", "abc123", null, "1", "1"));
    signer.close(); // idempotent
  }

  @Test
  void closingAKingdeeVerifierWhile8ThreadsVerify() throws Exception {
    final List<Pair> headers = ReplayTest.signedHeaders("6666666666");
    final Kingdee.Verifier verifier = new Kingdee.Verifier("s3cret", Kingdee.DEFAULT_WINDOW_MS);
    // Stateless calls and diagnoses: no replay state, so every call has the same answer.
    closeDuringUse(i -> i % 2 == 0
        ? verifier.verifyStateless("GET", "/jdy/v2/a", ReplayTest.QUERY, headers, ReplayTest.T0)
            .verified().nonce().equals("6666666666")
        : verifier.diagnose("GET", "/jdy/v2/a", ReplayTest.QUERY, headers, ReplayTest.T0).accepted(),
        verifier);
    assertThrows(IllegalStateException.class, verifier::remembered);
    verifier.close();
  }

  @Test
  void closingAWeaverVerifierWhile8ThreadsVerify() throws Exception {
    final Weaver.Verifier verifier = new Weaver.Verifier("app", "secret", ThreadsTest.KEY,
        Weaver.DEFAULT_WINDOW_MS, Weaver.DEFAULT_WINDOW_MS, Weaver.DEFAULT_REPLAY_CAPACITY);
    final String bad = Weaver.sign("app", "other secret", ThreadsTest.KEY, ThreadsTest.T0);
    // Each call: a sign of another secret, refused as sign_mismatch (the guard stays empty).
    closeDuringUse(i -> {
      try {
        verifier.verify(bad, ThreadsTest.T0);
        return false;
      } catch (QianmingException e) {
        return e.kind().equals("sign_mismatch");
      }
    }, verifier);
    assertThrows(IllegalStateException.class, () -> verifier.verify(bad, ThreadsTest.T0));
    verifier.close();
  }
}
