package dev.hangar.adapter.http.s3;

import dev.hangar.application.port.out.UploadContentException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as the client sends it. A failure to read it means the client went away or sent less
 * than it said: that surfaces as {@link ClientGoneException}, so that storage tells it apart from a disk
 * failure of its own.
 */
final class ClientStream extends InputStream {
  /** The client's stream broke; nothing of its request is kept. */
  static final class ClientGoneException extends UploadContentException {
    private static final long serialVersionUID = 1L;

    ClientGoneException(IOException cause) {
      super("the client's request body could not be read: " + cause.getMessage(), cause);
    }
  }

  private final InputStream in;

  ClientStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() {
    try {
      return in.read();
    } catch (IOException e) {
      throw new ClientGoneException(e);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    try {
      return in.read(buffer, offset, length);
    } catch (IOException e) {
      throw new ClientGoneException(e);
    }
  }
}
