package qianming;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Per-thread reused native memory: an input arena the strings and pair arrays are copied into
 * (one native write per call) and an output buffer the library writes into. Type conversion
 * only: UTF-8 in, UTF-8 out.
 */
final class Scratch {
  static final int INSUFFICIENT_SIZE = 1002;
  private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

  private byte[] staging = new byte[1024];
  private Memory in = new Memory(1024);
  private int used;
  private Memory out = new Memory(2048);
  private byte[] outBytes = new byte[2048];
  final long[] parts = new long[40];
  final long[] outLen = new long[1];
  final long[] handle = new long[1];

  static Scratch get() {
    Scratch s = PER_THREAD.get();
    s.used = 0;
    s.pending = 0;
    return s;
  }

  private int reserve(int n, int align) {
    int start = (used + align - 1) & -align;
    if (start + n > staging.length) {
      staging = java.util.Arrays.copyOf(staging, Math.max(staging.length * 2, start + n));
    }
    used = start + n;
    return start;
  }

  private static byte[] utf8(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        try { // Strict: a lone surrogate is refused, never replaced by '?'.
          var bytes = StandardCharsets.UTF_8.newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(java.nio.CharBuffer.wrap(s));
          byte[] out = new byte[bytes.remaining()];
          bytes.get(out);
          return out;
        } catch (CharacterCodingException e) {
          throw new QianmingException(10); // invalid_unicode
        }
      }
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Stages a string; returns {offset, length}. The address is known after {@link #commit}. */
  long text(String s) {
    byte[] bytes = utf8(java.util.Objects.requireNonNull(s));
    int at = reserve(bytes.length, 1);
    System.arraycopy(bytes, 0, staging, at, bytes.length);
    return ((long) at << 32) | bytes.length;
  }

  /** Stages an array of qm_pair (4 words each); returns its offset. Null values stay NULL. */
  int pairs(List<Pair> list, boolean nullValueAllowed) {
    long[] texts = new long[list.size() * 2];
    for (int i = 0; i < list.size(); i++) {
      Pair p = list.get(i);
      texts[2 * i] = text(p.name());
      if (p.value() == null && !nullValueAllowed) {
        throw new NullPointerException("value of " + p.name());
      }
      texts[2 * i + 1] = p.value() == null ? -1 : text(p.value());
    }
    int at = reserve(list.size() * 32, 8);
    pendingTexts[pending] = texts;
    pendingAt[pending++] = at;
    return at;
  }

  private final long[][] pendingTexts = new long[2][];
  private final int[] pendingAt = new int[2];
  private int pending;

  /** Copies the staged input to native memory; after this, {@link #ptr}/{@link #len} work. */
  void commit() {
    if (in.size() < used) {
      in = new Memory(Math.max(in.size() * 2, used));
    }
    long base = Pointer.nativeValue(in);
    for (int k = 0; k < pending; k++) {
      long[] texts = pendingTexts[k];
      java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(staging, pendingAt[k], texts.length * 16)
          .order(java.nio.ByteOrder.nativeOrder());
      for (long t : texts) { // qm_pair: {ptr, len} for the name, then for the value
        words.putLong(t == -1 ? 0 : base + (t >>> 32));
        words.putLong(t == -1 ? 0 : (t & 0xffffffffL));
      }
      pendingTexts[k] = null;
    }
    pending = 0;
    in.write(0, staging, 0, used);
  }

  /** The native address of a staged string. */
  long ptr(long staged) {
    return Pointer.nativeValue(in) + (staged >>> 32);
  }

  long ptrAt(int offset) {
    return Pointer.nativeValue(in) + offset;
  }

  static long len(long staged) {
    return staged & 0xffffffffL;
  }

  long outPtr() {
    return Pointer.nativeValue(out);
  }

  long outCap() {
    return out.size();
  }

  /** After INSUFFICIENT_SIZE: grows the output buffer to the reported size. */
  void grow() {
    out = new Memory(Math.max(outLen[0], out.size() * 2));
  }

  /** Copies the written output to the heap once; views are then decoded from it. */
  byte[] output() {
    int n = (int) outLen[0];
    if (outBytes.length < n) {
      outBytes = new byte[Math.max(n, outBytes.length * 2)];
    }
    out.read(0, outBytes, 0, n);
    return outBytes;
  }

  /** The string of view {@code i} of {@link #parts}, decoded from {@code bytes}. */
  String view(byte[] bytes, int i) {
    long len = parts[2 * i + 1];
    if (len == 0) {
      return "";
    }
    int off = (int) (parts[2 * i] - outPtr());
    return new String(bytes, off, (int) len, StandardCharsets.UTF_8);
  }

  String single(byte[] bytes) {
    return new String(bytes, 0, (int) outLen[0], StandardCharsets.UTF_8);
  }

  static void check(int status) {
    if (status != 0) {
      throw new QianmingException(status);
    }
  }
}
