package io.github.qianming;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-thread reused memory for the native calls: an input arena the strings and pair arrays are
 * staged in (copied to native memory in one write per call), an output buffer the library writes
 * text into, a block for the C structs it fills, and a buffer for the last error message. Type
 * conversion only: UTF-8 in (strictly: a lone surrogate is refused), UTF-8 out.
 */
final class Scratch {
  /** C ABI statuses the wrapper acts on or raises itself (checked against qianming.h by ParityTest). */
  static final int INSUFFICIENT_SIZE = 1002;
  static final int INVALID_UNICODE = 10;
  static final int INPUT_TOO_LARGE = 11;
  static final int REPLAYED = 18;
  static final int REPLAY_STORE_UNAVAILABLE = 42;
  private static final ThreadLocal<Scratch> PER_THREAD = new ThreadLocal<Scratch>() {
    @Override
    protected Scratch initialValue() {
      return new Scratch();
    }
  };

  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private char[] chars = new char[256];
  private byte[] staging = new byte[1024];
  private ByteBuffer stagingWords = wordsOf(staging);
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
  private Memory error = new Memory(512);

  static Scratch get() {
    NativeLib.init();
    Scratch s = PER_THREAD.get();
    s.used = 0;
    s.pending = 0;
    return s;
  }

  private static ByteBuffer wordsOf(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
  }

  /** The handle or number the last call wrote to {@link #word}. */
  long word() {
    return meta.getLong(8 * 41);
  }

  private int reserve(int n, int align) {
    int start = (used + align - 1) & -align;
    if ((long) start + n > staging.length) {
      staging = Arrays.copyOf(staging, (int) Math.min(Integer.MAX_VALUE - 8,
          Math.max(2L * staging.length, (long) start + n)));
      stagingWords = wordsOf(staging);
    }
    used = start + n;
    return start;
  }

  /**
   * Stages a string as UTF-8 (returns {offset, length}; the address is known after
   * {@link #commit}). The encoder reports a lone surrogate instead of writing '?'.
   */
  long text(String s) {
    int n = Objects.requireNonNull(s, "a string argument is null").length();
    if (chars.length < n) {
      chars = new char[Math.max(n, 2 * chars.length)];
    }
    s.getChars(0, n, chars, 0);
    long most = (long) n * (long) encoder.maxBytesPerChar();
    if (most > Integer.MAX_VALUE - 16L) {
      throw new QianmingException(INPUT_TOO_LARGE, "a string argument of " + n + " chars is too large to pass", null);
    }
    int at = reserve((int) most, 1);
    CharBuffer source = CharBuffer.wrap(chars, 0, n);
    ByteBuffer target = ByteBuffer.wrap(staging, at, (int) most);
    encoder.reset();
    CoderResult result = encoder.encode(source, target, true);
    if (result.isUnderflow()) {
      result = encoder.flush(target);
    }
    if (result.isError()) {
      int i = source.position();
      throw new QianmingException(INVALID_UNICODE, String.format(
          "a string argument holds a lone UTF-16 surrogate (U+%04X at index %d), which has no UTF-8 "
              + "form: refused rather than sent as '?'", (int) s.charAt(i), i), null);
    }
    int length = target.position() - at;
    used = at + length;
    return ((long) at << 32) | length;
  }

  /** Stages several strings, as {@link #text}: element i is the i-th staged string. */
  long[] texts(String... texts) {
    long[] staged = new long[texts.length];
    for (int i = 0; i < texts.length; i++) {
      staged[i] = text(texts[i]);
    }
    return staged;
  }

  /** Stages raw bytes (an answer body), as {@link #text}. */
  long bytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "the body is null");
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
    Objects.requireNonNull(list, "a list of pairs is null");
    long[] texts = new long[list.size() * 2];
    for (int i = 0; i < list.size(); i++) {
      Pair p = Objects.requireNonNull(list.get(i), "a pair is null");
      texts[2 * i] = text(p.name());
      if (p.value() == null && !nullValueAllowed) {
        throw new NullPointerException("the value of " + p.name() + " is null");
      }
      texts[2 * i + 1] = p.value() == null ? NONE : text(p.value());
    }
    if (pending == pendingTexts.length) {
      throw new IllegalStateException("at most two pair lists per call");
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
      int at = pendingAt[k];
      for (long t : pendingTexts[k]) { // qm_pair: {ptr, len} for the name, then for the value
        stagingWords.putLong(at, t == NONE ? 0 : base + (t >>> 32));
        stagingWords.putLong(at + 8, t == NONE ? 0 : (t & 0xffffffffL));
        at += 16;
      }
      pendingTexts[k] = null;
    }
    pending = 0;
    if (used > 0) {
      in.write(0, staging, 0, used);
    }
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

  /** The {@code qm_str} at word {@code w} of {@link #parts} (for structs with other fields between). */
  String viewAt(byte[] bytes, int w) {
    int len = (int) words[w + 1];
    return len == 0 ? "" : new String(bytes, (int) (words[w] - outPtr()), len, StandardCharsets.UTF_8);
  }

  /** The 32-bit field at byte {@code offset} of {@link #parts} (e.g. a {@code qm_status}). */
  int partsInt(int offset) {
    return meta.getInt(offset);
  }

  /** The byte at {@code offset} of {@link #parts} (e.g. a C {@code bool}). */
  byte partsByte(int offset) {
    return meta.getByte(offset);
  }

  /** As {@link #viewAt}, but null for an absent text (NULL {@code ptr}). */
  String optViewAt(byte[] bytes, int w) {
    return words[w] == 0 ? null : viewAt(bytes, w);
  }

  /** The whole output as one string (functions with a single text result). */
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
  ByteBuffer structs(int bytes) {
    if (stBytes.length < bytes) {
      stBytes = new byte[Math.max(bytes, stBytes.length * 2)];
    }
    st.read(0, stBytes, 0, bytes);
    return ByteBuffer.wrap(stBytes, 0, bytes).order(ByteOrder.nativeOrder());
  }

  /** The {@code qm_str} at {@code at} in {@code b}: a view into the output {@code bytes}. */
  String str(byte[] bytes, ByteBuffer b, int at) {
    long len = b.getLong(at + 8);
    if (len == 0) {
      return "";
    }
    return new String(bytes, (int) (b.getLong(at) - outPtr()), (int) len, StandardCharsets.UTF_8);
  }

  /** As {@link #str}, but null for an absent text (NULL {@code ptr}). */
  String optStr(byte[] bytes, ByteBuffer b, int at) {
    return b.getLong(at) == 0 ? null : str(bytes, b, at);
  }

  /** The {@code qm_opt_u64} at {@code at} ({@code bool present} then the u64 at +8), or null. */
  static Long optU64(ByteBuffer b, int at) {
    return b.get(at) != 0 ? Long.valueOf(b.getLong(at + 8)) : null;
  }

  /**
   * The detail of this thread's last failed call ({@code qm_last_error_message}); call it right
   * after the failure, on the same thread.
   */
  String lastError() {
    int status;
    while ((status = NativeLib.qm_last_error_message(Pointer.nativeValue(error), error.size(), word))
        == INSUFFICIENT_SIZE) {
      error = new Memory(Math.max(word(), 2 * error.size()));
    }
    if (status != 0) {
      return "";
    }
    return new String(error.getByteArray(0, (int) word()), StandardCharsets.UTF_8);
  }

  /** Throws the {@link QianmingException} of a failed call, with the core's detail. */
  void check(int status) {
    if (status != 0) {
      throw new QianmingException(status, lastError(), null);
    }
  }
}
