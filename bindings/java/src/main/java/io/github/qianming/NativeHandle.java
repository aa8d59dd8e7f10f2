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
