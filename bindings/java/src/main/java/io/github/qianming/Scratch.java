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
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());
  private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

  private byte[] staging = new byte[1024];
  private Memory in = new Memory(1024);
  private int used;
  private Memory out = new Memory(2048);
  private byte[] outBytes = new byte[2048];
  /** Native words the library writes: 40 for the views, then out_len, then a handle/number. */
  private final Memory meta = new Memory(8 * 42);
  final long parts = Pointer.nativeValue(meta);
  final long outLen = parts + 8 * 40;
  final long word = parts + 8 * 41;
  /** The views and out_len, copied from {@link #meta} by {@link #output}. */
  final long[] words = new long[41];

  long word() {
    return meta.getLong(8 * 41);
  }

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
    return bytes(utf8(java.util.Objects.requireNonNull(s)));
  }

  /** Stages raw bytes (an answer body), as {@link #text}. */
  long bytes(byte[] bytes) {
    int at = reserve(bytes.length, 1);
    System.arraycopy(bytes, 0, staging, at, bytes.length);
    return ((long) at << 32) | bytes.length;
  }

  /** Stages a string that may be null (passed as a NULL pointer): see {@link #optPtr}. */
  long optText(String s) {
    return s == null ? NONE : text(s);
  }

  private static final long NONE = -1L;

  /** {@link #ptr}, or 0 (NULL) for a null staged by {@link #optText}. */
  long optPtr(long staged) {
    return staged == NONE ? 0 : ptr(staged);
  }

  static long optLen(long staged) {
    return staged == NONE ? 0 : len(staged);
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
      int at = pendingAt[k];
      for (long t : texts) { // qm_pair: {ptr, len} for the name, then for the value
        LONGS.set(staging, at, t == -1 ? 0 : base + (t >>> 32));
        LONGS.set(staging, at + 8, t == -1 ? 0 : (t & 0xffffffffL));
        at += 16;
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
    out = new Memory(Math.max(meta.getLong(8 * 40), out.size() * 2));
  }

  /** Copies the written output to the heap once; views are then decoded from it. */
  byte[] output() {
    meta.read(0, words, 0, 41);
    int n = (int) words[40];
    if (outBytes.length < n) {
      outBytes = new byte[Math.max(n, outBytes.length * 2)];
    }
    out.read(0, outBytes, 0, n);
    return outBytes;
  }

  /** The output as a fresh array of exactly out_len bytes (for results that decode lazily). */
  byte[] ownedOutput() {
    meta.read(0, words, 0, 41);
    byte[] bytes = new byte[(int) words[40]];
    out.read(0, bytes, 0, bytes.length);
    return bytes;
  }

  /** The offset of view {@code i} inside the output, paired with its length. */
  int offset(int i) {
    return words[2 * i + 1] == 0 ? 0 : (int) (words[2 * i] - outPtr());
  }

  int length(int i) {
    return (int) words[2 * i + 1];
  }

  /** The string of view {@code i} of {@link #parts}, decoded from {@code bytes}. */
  String view(byte[] bytes, int i) {
    return new String(bytes, offset(i), length(i), StandardCharsets.UTF_8);
  }

  String single(byte[] bytes) {
    return new String(bytes, 0, (int) words[40], StandardCharsets.UTF_8);
  }

  /**
   * Native memory for the C structs the token functions fill (requests, tokens, refusals,
   * lifetimes, header arrays), read back with their exact C layout by {@link #structs}.
   */
  private Memory st = new Memory(1024);
  private byte[] stBytes = new byte[1024];

  /** The native address of byte {@code offset} of the struct block. */
  long st(int offset) {
    return Pointer.nativeValue(st) + offset;
  }

  /** Makes the struct block at least {@code bytes} long (before a call: contents are lost). */
  void stReserve(long bytes) {
    if (st.size() < bytes) {
      st = new Memory(Math.max(bytes, st.size() * 2));
    }
  }

  /** The bytes of the struct block from {@code offset} on. */
  long stCapacity(int offset) {
    return st.size() - offset;
  }

  /** Zeroes {@code bytes} bytes of the struct block from {@code offset}. */
  void stClear(int offset, int bytes) {
    st.setMemory(offset, bytes, (byte) 0);
  }

  /** Writes a u64 / a byte into the struct block (for structs passed in, e.g. qm_lifetime). */
  void stPutLong(int offset, long value) {
    st.setLong(offset, value);
  }

  void stPutByte(int offset, byte value) {
    st.setByte(offset, value);
  }

  /** The first {@code bytes} bytes of the struct block, copied, in native byte order. */
  java.nio.ByteBuffer structs(int bytes) {
    if (stBytes.length < bytes) {
      stBytes = new byte[Math.max(bytes, stBytes.length * 2)];
    }
    st.read(0, stBytes, 0, bytes);
    return java.nio.ByteBuffer.wrap(stBytes, 0, bytes).order(java.nio.ByteOrder.nativeOrder());
  }

  /** The {@code qm_str} at {@code at} in {@code b}: a view into the output {@code bytes}. */
  String str(byte[] bytes, java.nio.ByteBuffer b, int at) {
    long len = b.getLong(at + 8);
    if (len == 0) {
      return "";
    }
    return new String(bytes, (int) (b.getLong(at) - outPtr()), (int) len, StandardCharsets.UTF_8);
  }

  /** As {@link #str}, but null for an absent text (NULL {@code ptr}). */
  String optStr(byte[] bytes, java.nio.ByteBuffer b, int at) {
    return b.getLong(at) == 0 ? null : str(bytes, b, at);
  }

  /** The {@code qm_opt_u64} at {@code at} ({@code bool present} then the u64 at +8), or null. */
  static Long optU64(java.nio.ByteBuffer b, int at) {
    return b.get(at) != 0 ? b.getLong(at + 8) : null;
  }

  static void check(int status) {
    if (status != 0) {
      throw new QianmingException(status);
    }
  }
}
