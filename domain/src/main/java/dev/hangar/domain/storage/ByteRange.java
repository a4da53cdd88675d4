package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;

/** A run of bytes of a stored object: {@code length} bytes from {@code offset} (a ranged GetObject). */
public record ByteRange(long offset, long length) {
  public ByteRange {
    if (offset < 0) {
      throw new InvalidValueException("offset", Long.toString(offset), "Member must not be negative");
    }
    if (length < 0) {
      throw new InvalidValueException("length", Long.toString(length), "Member must not be negative");
    }
  }

  /** The last byte's position, inclusive (as HTTP's {@code Content-Range} writes it). */
  public long last() {
    return offset + length - 1;
  }
}
