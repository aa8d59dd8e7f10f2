package io.github.qianming;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A native object (a signer, a verifier) shared between threads and freed once. Every call
 * holds the read lock for its whole native call ({@link #acquire}/{@link #release}); {@link
 * #close} takes the write lock, so it waits for the calls in flight and frees memory no call is
 * using. Calls after close throw {@link IllegalStateException}.
 */
final class NativeHandle {
  /** The native function that frees the object. */
  interface Free {
    void free(long handle);
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String what;
  private final Free free;
  private long handle;

  NativeHandle(String what, long handle, Free free) {
    this.what = what;
    this.handle = handle;
    this.free = free;
  }

  /** Locks the object for one call and returns its address; pair with {@link #release}. */
  long acquire() {
    lock.readLock().lock();
    if (handle == 0) {
      lock.readLock().unlock();
      throw new IllegalStateException("the " + what + " is closed");
    }
    return handle;
  }

  void release() {
    lock.readLock().unlock();
  }

  /** A native call on the object's address. */
  interface Call<T> {
    T run(long handle);
  }

  /** Runs {@code call} with the object locked for it ({@link #acquire}, {@link #release}). */
  <T> T with(Call<T> call) {
    long address = acquire();
    try {
      return call.run(address);
    } finally {
      release();
    }
  }

  /** As {@link #with}, or {@code call} on address 0 (NULL) when there is no object. */
  static <T> T with(NativeHandle handle, Call<T> call) {
    return handle == null ? call.run(0) : handle.with(call);
  }

  /** A native call on the object's address that writes one number to {@code outWord}. */
  interface WordCall {
    int run(long handle, long outWord);
  }

  /** Runs {@code call} locked, throws its failure, and returns the number it wrote. */
  long word(Scratch s, WordCall call) {
    s.check(with(address -> call.run(address, s.word)));
    return s.word();
  }

  /** Waits for the calls in flight, then frees the object; later calls fail. Idempotent. */
  void close() {
    lock.writeLock().lock();
    try {
      if (handle != 0) {
        free.free(handle);
        handle = 0;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
