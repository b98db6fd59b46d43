package io.sparkgate.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real file channel whose positional writes can be made to fail like a full disk: the first
 * half of the buffer is written, then "No space left on device" is thrown.
 */
final class FaultyChannel extends FileChannel {
  final AtomicBoolean diskFull = new AtomicBoolean();
  final java.util.concurrent.atomic.AtomicInteger failedWrites = new java.util.concurrent.atomic.AtomicInteger();
  private final FileChannel delegate;
  private final java.util.function.BooleanSupplier full;

  FaultyChannel(FileChannel delegate) {
    this(delegate, () -> false);
  }

  /** Also full whenever {@code full} says so (e.g. a quota on a directory). */
  FaultyChannel(FileChannel delegate, java.util.function.BooleanSupplier full) {
    this.delegate = delegate;
    this.full = full;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    if (diskFull.get() || full.getAsBoolean()) {
      ByteBuffer half = src.slice();
      half.limit(Math.max(1, src.remaining() / 2));
      int n = delegate.write(half, position);
      src.position(src.position() + n);
      failedWrites.incrementAndGet();
      throw new IOException("No space left on device");
    }
    return delegate.write(src, position);
  }

  @Override public int read(ByteBuffer dst) throws IOException { return delegate.read(dst); }
  @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return delegate.read(dsts, offset, length); }
  @Override public int write(ByteBuffer src) throws IOException { return delegate.write(src); }
  @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { return delegate.write(srcs, offset, length); }
  @Override public long position() throws IOException { return delegate.position(); }
  @Override public FileChannel position(long newPosition) throws IOException { delegate.position(newPosition); return this; }
  @Override public long size() throws IOException { return delegate.size(); }
  @Override public FileChannel truncate(long size) throws IOException { delegate.truncate(size); return this; }
  @Override public void force(boolean metaData) throws IOException { delegate.force(metaData); }
  @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return delegate.transferTo(position, count, target); }
  @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { return delegate.transferFrom(src, position, count); }
  @Override public int read(ByteBuffer dst, long position) throws IOException { return delegate.read(dst, position); }
  @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return delegate.map(mode, position, size); }
  @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return delegate.lock(position, size, shared); }
  @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return delegate.tryLock(position, size, shared); }
  @Override protected void implCloseChannel() throws IOException { delegate.close(); }
}
