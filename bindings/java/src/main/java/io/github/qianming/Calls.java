package io.github.qianming;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The retry loops of the (buf, cap, out_len) convention, and the vendor-refusal reader. */
final class Calls {
  private Calls() {}

  /** One native call of the (buf, cap, out_len) convention, with its arguments staged in s. */
  interface Call {
    int run(Scratch s);
  }

  /** Where the token functions' {@code qm_refusal} lives in the struct block (tokens fit before). */
  static final int REFUSAL = 128;
  private static final int REFUSAL_SIZE = 56; // bool refused; qm_status status; qm_str ×3

  /** Runs the call, growing the output buffer until it fits; returns the output bytes. */
  static byte[] run(Scratch s, Call call) {
    int status;
    while ((status = call.run(s)) == Scratch.INSUFFICIENT_SIZE) {
      s.grow();
    }
    s.check(status);
    return s.output();
  }

  /**
   * As {@link #run} for a parser that fills a {@code qm_refusal} at {@link #REFUSAL}: a vendor
   * refusal becomes a {@link QianmingException} carrying it.
   */
  static byte[] answer(Scratch s, Call call) {
    int status;
    while (true) {
      s.stClear(REFUSAL, REFUSAL_SIZE); // "otherwise untouched (initialise it to {0})"
      status = call.run(s);
      if (status != Scratch.INSUFFICIENT_SIZE) {
        break;
      }
      s.grow();
    }
    if (status != 0) {
      ByteBuffer b = s.structs(REFUSAL + REFUSAL_SIZE);
      if (b.get(REFUSAL) != 0) {
        String detail = s.lastError();
        byte[] out = s.output();
        throw new QianmingException(status, detail, new QianmingException.Refusal(
            NativeLib.qm_status_name(b.getInt(REFUSAL + 4)), s.optStr(out, b, REFUSAL + 8),
            s.optStr(out, b, REFUSAL + 24), s.optStr(out, b, REFUSAL + 40)));
      }
      s.check(status);
    }
    return s.output();
  }

  /** A native call with the body it parses staged at {@code body}, {@code bodyLen}. */
  interface BodyCall {
    int run(Scratch s, long body, long bodyLen);
  }

  /** Reads a result from a call's output bytes and its struct block. */
  interface Reader<T> {
    T read(Scratch s, byte[] out, ByteBuffer st);
  }

  /**
   * Every answer parser: stages {@code body}, runs the parser as {@link #answer} (a vendor
   * refusal becomes the exception's refusal) and reads the {@code structBytes} it filled.
   */
  static <T> T parse(byte[] body, int structBytes, BodyCall call, Reader<T> reader) {
    Scratch s = Scratch.get();
    final long a = s.bytes(body);
    s.commit();
    byte[] out = answer(s, x -> call.run(x, x.ptr(a), Scratch.len(a)));
    return reader.read(s, out, s.structs(structBytes));
  }

  /** As {@link #run} for a call that fills a struct, read by {@code reader} from the struct block. */
  static <T> T struct(Scratch s, int structBytes, Call call, Reader<T> reader) {
    byte[] out = run(s, call);
    return reader.read(s, out, s.structs(structBytes));
  }

  /** A native call that writes a list of {@code qm_header} (items, item_cap, out_count). */
  interface ListCall {
    int run(Scratch s, long items, long itemCap, long outCount);
  }

  /** Where a list call's count and single text go; the {@code qm_header} array follows. */
  static final int LIST_COUNT = 0;
  static final int LIST_ONE = 8;
  static final int LIST_ITEMS = 32;

  /**
   * Runs a list call, growing the output buffer and the item array to what it reports; the
   * {@code n} items are then at {@link #LIST_ITEMS} of the struct block (n from {@link #items}).
   */
  static byte[] list(Scratch s, ListCall call) {
    int status;
    while ((status = call.run(s, s.st(LIST_ITEMS), s.stCapacity(LIST_ITEMS) / 32, s.st(LIST_COUNT)))
        == Scratch.INSUFFICIENT_SIZE) {
      long needed = s.structs(8).getLong(LIST_COUNT);
      s.grow();
      s.stReserve(LIST_ITEMS + 32 * needed);
    }
    s.check(status);
    return s.output();
  }

  /** A list call on texts staged as {@code t} (see {@link Scratch#texts}). */
  interface TextsListCall {
    int run(Scratch s, long[] t, long items, long itemCap, long outCount);
  }

  /** Stages {@code texts}, runs a list call on them (as {@link #list}) and returns its items. */
  static List<Pair> items(TextsListCall call, String... texts) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(texts);
    s.commit();
    return items(s, list(s, (x, items, cap, count) -> call.run(x, t, items, cap, count)));
  }

  /** The items a successful {@link #list} call wrote, as pairs. */
  static List<Pair> items(Scratch s, byte[] out) {
    int n = (int) s.structs(8).getLong(LIST_COUNT);
    ByteBuffer b = s.structs(LIST_ITEMS + 32 * n);
    Pair[] items = new Pair[n];
    for (int i = 0; i < n; i++) {
      items[i] = new Pair(s.str(out, b, LIST_ITEMS + 32 * i), s.str(out, b, LIST_ITEMS + 32 * i + 16));
    }
    return unmodifiable(items);
  }

  /**
   * Stages {@code texts} and runs a call of the (buf, cap, out_len) convention on them (staged
   * as {@code t}, see {@link Scratch#texts}); returns its whole output as one string.
   */
  static String single(HttpRequest.TextsCall call, String... texts) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(texts);
    s.commit();
    return s.single(run(s, x -> call.run(x, t)));
  }

  /** Stages {@code texts} and runs a call that only answers with a status (a check). */
  static void check(HttpRequest.TextsCall call, String... texts) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(texts);
    s.commit();
    s.check(call.run(s, t));
  }

  /** An unmodifiable list of the array's elements (Java 8's {@code List.of}). */
  static <T> List<T> unmodifiable(T[] items) {
    return Collections.unmodifiableList(Arrays.asList(items));
  }
}
