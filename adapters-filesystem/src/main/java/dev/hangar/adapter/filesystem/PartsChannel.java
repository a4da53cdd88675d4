package dev.hangar.adapter.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * An object kept as its parts, read as one: a read-only channel over the part files in order, with positional
 * reads (the zip's central directory, a range) that open no part before the one holding the position. The files
 * are opened by the caller, under the object's lock, so the bytes read are those of the version it checked.
 */
final class PartsChannel implements SeekableByteChannel {
  private final List<FileChannel> parts;
  private final long[] starts;
  private final long size;
  private final LongAdder bytesRead;
  private long position;
  private boolean open = true;

  PartsChannel(List<FileChannel> parts, List<Long> sizes, LongAdder bytesRead) {
    this.parts = new ArrayList<>(parts);
    this.starts = new long[parts.size()];
    long at = 0;
    for (int i = 0; i < sizes.size(); i++) {
      starts[i] = at;
      at += sizes.get(i);
    }
    this.size = at;
    this.bytesRead = bytesRead;
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    if (!open) {
      throw new java.nio.channels.ClosedChannelException();
    }
    if (position >= size) {
      return -1;
    }
    int part = partAt(position);
    long inPart = position - starts[part];
    long partSize = (part + 1 < starts.length ? starts[part + 1] : size) - starts[part];
    int want = (int) Math.min(target.remaining(), partSize - inPart);
    ByteBuffer slice = target.slice().limit(want);
    int read = parts.get(part).read(slice, inPart);
    if (read < 0) {
      throw new IOException("part " + (part + 1) + " ended before its recorded size");
    }
    target.position(target.position() + read);
    position += read;
    bytesRead.add(read);
    return read;
  }

  private int partAt(long at) {
    int low = 0;
    int high = starts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (starts[mid] <= at) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  @Override
  public int write(ByteBuffer source) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position");
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    open = false;
    IOException first = null;
    for (FileChannel part : parts) {
      try {
        part.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
