package dev.hangar.adapter.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a zip's entry names from its central directory, through a channel read at positions (a file today;
 * any {@link SeekableByteChannel}, such as one over several part files, later). It finds the end record and
 * checks each directory header the way the JDK's {@code java.util.zip.ZipFile} does, so that it calls the
 * same files zips; nothing but the tail and the directory is read.
 */
final class ZipCentralDirectory {
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int END_LENGTH = 22;
  private static final int MAX_COMMENT = 0xFFFF;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_LOCATOR_LENGTH = 20;
  private static final int ZIP64_END_SIGNATURE = 0x06064b50;
  private static final int ZIP64_END_LENGTH = 56;
  private static final int HEADER_SIGNATURE = 0x02014b50;
  private static final int HEADER_LENGTH = 46;
  private static final int LOCAL_SIGNATURE = 0x04034b50;
  private static final long MAGIC = 0xFFFFFFFFL;
  private static final int MAGIC_COUNT = 0xFFFF;
  private static final int ZIP64_EXTRA = 0x0001;

  private ZipCentralDirectory() {
  }

  /** What the end record says: where it stands (or the zip64 end record that replaces it), and the directory's size and offset. */
  record End(long position, long directorySize, long directoryOffset, long total) {
  }

  /** The end record, searched for backwards from the end as ZipFile does; empty when there is none (not a zip). */
  static Optional<End> findEnd(SeekableByteChannel channel) throws IOException {
    long length = channel.size();
    if (length >= END_LENGTH) {
      // The usual zip has no comment: its end record is its last 22 bytes, the first place the search below would
      // look and accept. Read only those, so that judging a zip reads nothing of its entries' data.
      ByteBuffer last = readAt(channel, length - END_LENGTH, END_LENGTH);
      if (last.limit() == END_LENGTH && last.getInt(0) == END_SIGNATURE && u16(last, 20) == 0) {
        return Optional.of(zip64(channel, new End(length - END_LENGTH, u32(last, 12), u32(last, 16), u16(last, 10))));
      }
    }
    long from = Math.max(0, length - (END_LENGTH + MAX_COMMENT));
    ByteBuffer tail = readAt(channel, from, (int) (length - from));
    for (int at = tail.limit() - END_LENGTH; at >= 0; at--) {
      if (tail.getInt(at) != END_SIGNATURE) {
        continue;
      }
      End end = new End(from + at, u32(tail, at + 12), u32(tail, at + 16), u16(tail, at + 10));
      if (end.position() + END_LENGTH + u16(tail, at + 20) != length && !pointsAtHeaders(channel, end)) {
        continue; // a signature in the comment or in padding after the zip, not the end record
      }
      return Optional.of(zip64(channel, end));
    }
    return Optional.empty();
  }

  /**
   * The entry names, in the directory's order; empty when the channel holds no zip, the directory is
   * broken, or it is larger than {@code maxDirectoryBytes} (it is read whole).
   */
  static Optional<List<String>> entryNames(SeekableByteChannel channel, long maxDirectoryBytes) throws IOException {
    Optional<End> found = findEnd(channel);
    if (found.isEmpty() || found.get().directorySize() > maxDirectoryBytes) {
      return Optional.empty();
    }
    End end = found.get();
    if (end.position() == 0) {
      return Optional.of(List.of()); // only the end record: a zip with no entries
    }
    long directoryPosition = end.position() - end.directorySize();
    if (end.directorySize() > end.position() || directoryPosition - end.directoryOffset() < 0) {
      return Optional.empty();
    }
    // As ZipFile does: the directory and the record after it, which must be there in full.
    ByteBuffer directory = readAt(channel, directoryPosition, (int) end.directorySize() + END_LENGTH);
    if (directory.limit() != end.directorySize() + END_LENGTH) {
      return Optional.empty();
    }
    return names(directory, (int) end.directorySize());
  }

  private static Optional<List<String>> names(ByteBuffer directory, int limit) {
    List<String> names = new ArrayList<>();
    int at = 0;
    while (at + HEADER_LENGTH <= limit) {
      int flag = u16(directory, at + 8);
      int method = u16(directory, at + 10);
      int nameLength = u16(directory, at + 28);
      int extraLength = u16(directory, at + 30);
      int commentLength = u16(directory, at + 32);
      int nameAt = at + HEADER_LENGTH;
      if (directory.getInt(at) != HEADER_SIGNATURE || (flag & 1) != 0 || (method != 0 && method != 8) || nameAt + nameLength > limit
          || !extraFieldsValid(directory, at, nameAt + nameLength, extraLength)) {
        return Optional.empty();
      }
      Optional<String> name = utf8(directory, nameAt, nameLength);
      if (name.isEmpty()) {
        return Optional.empty();
      }
      names.add(name.get());
      at = nameAt + nameLength + extraLength + commentLength;
    }
    return at == limit ? Optional.of(names) : Optional.empty();
  }

  /** The extra fields fit the header, and a zip64 field holds the sizes the header defers to it (ZipFile's checks). */
  private static boolean extraFieldsValid(ByteBuffer directory, int header, int from, int length) {
    long compressed = u32(directory, header + 20);
    long size = u32(directory, header + 24);
    if (length == 0) {
      return compressed != MAGIC && size != MAGIC && u32(directory, header + 42) != MAGIC && u16(directory, header + 34) != MAGIC_COUNT;
    }
    int end = from + length;
    if (end > directory.limit()) {
      return false;
    }
    for (int at = from; at + 4 <= end; ) {
      int tag = u16(directory, at);
      int blockSize = u16(directory, at + 2);
      at += 4;
      if (at + blockSize > end || (tag == ZIP64_EXTRA && !zip64FieldValid(directory, at, blockSize, compressed, size))) {
        return false;
      }
      at += blockSize;
    }
    return true;
  }

  private static boolean zip64FieldValid(ByteBuffer directory, int at, int blockSize, long compressed, long size) {
    if (blockSize == 0) {
      return compressed != MAGIC && size != MAGIC;
    }
    if (blockSize != 8 && blockSize != 16 && blockSize != 24 && blockSize != 28) {
      return false;
    }
    int left = blockSize;
    if (size == MAGIC) {
      if (directory.getLong(at) < 0) {
        return false;
      }
      at += 8;
      left -= 8;
    }
    return compressed != MAGIC || (left >= 8 && directory.getLong(at) >= 0);
  }

  /** Where the end record's comment length does not fit the file, it must point at a directory header and a local header. */
  private static boolean pointsAtHeaders(SeekableByteChannel channel, End end) throws IOException {
    long directoryPosition = end.position() - end.directorySize();
    long localPosition = directoryPosition - end.directoryOffset();
    return directoryPosition >= 0 && localPosition >= 0 && signatureAt(channel, directoryPosition) == HEADER_SIGNATURE
        && signatureAt(channel, localPosition) == LOCAL_SIGNATURE;
  }

  /** A zip64 end record, found through the locator before the end record, replaces the end record where the two agree. */
  private static End zip64(SeekableByteChannel channel, End end) throws IOException {
    if (end.position() < ZIP64_LOCATOR_LENGTH) {
      return end;
    }
    ByteBuffer locator = readAt(channel, end.position() - ZIP64_LOCATOR_LENGTH, ZIP64_LOCATOR_LENGTH);
    if (locator.limit() != ZIP64_LOCATOR_LENGTH || locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE || locator.getLong(8) < 0) {
      return end;
    }
    long position = locator.getLong(8);
    ByteBuffer record = readAt(channel, position, ZIP64_END_LENGTH);
    if (record.limit() != ZIP64_END_LENGTH || record.getInt(0) != ZIP64_END_SIGNATURE) {
      return end;
    }
    long size = record.getLong(40);
    long offset = record.getLong(48);
    long total = record.getLong(32);
    if (size != end.directorySize() && end.directorySize() != MAGIC || offset != end.directoryOffset() && end.directoryOffset() != MAGIC
        || total != end.total() && end.total() != MAGIC_COUNT) {
      return end;
    }
    return new End(position, size, offset, total);
  }

  private static int signatureAt(SeekableByteChannel channel, long position) throws IOException {
    ByteBuffer signature = readAt(channel, position, 4);
    return signature.limit() == 4 ? signature.getInt(0) : 0;
  }

  /** Up to {@code length} bytes from {@code position}; fewer (the limit says how many) where the channel ends first. */
  private static ByteBuffer readAt(SeekableByteChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    channel.position(position);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // keep reading: a channel may return fewer bytes than asked
    }
    return buffer.flip();
  }

  private static Optional<String> utf8(ByteBuffer directory, int at, int length) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(directory.slice(at, length)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static int u16(ByteBuffer buffer, int at) {
    return Short.toUnsignedInt(buffer.getShort(at));
  }

  private static long u32(ByteBuffer buffer, int at) {
    return Integer.toUnsignedLong(buffer.getInt(at));
  }
}
