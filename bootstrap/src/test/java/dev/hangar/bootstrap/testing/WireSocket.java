package dev.hangar.bootstrap.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One raw connection driven step by step, for what {@link S3Wire} does in one go: send the head, read an interim
 * {@code 100 Continue}, send some of the body, half-close the output (a client whose body ends early), reset the
 * connection (a killed client), and read the answer or learn that the server closed without one. Every read is
 * bounded by the socket timeout.
 */
public final class WireSocket implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private long bodyBytesSent;

  private WireSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code endpoint} (loopback in tests), with reads bounded by {@code readTimeoutMillis}. */
  public static WireSocket open(URI endpoint, int readTimeoutMillis) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5000);
      socket.setSoTimeout(readTimeoutMillis);
      return new WireSocket(socket);
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw new UncheckedIOException(e);
    }
  }

  /** Sends the request line and headers (as {@link S3Wire} writes them, with {@code Connection: close}). */
  public WireSocket sendHead(S3Wire.Request request) {
    write(S3Wire.head(request).getBytes(StandardCharsets.ISO_8859_1), 0, -1);
    return this;
  }

  /** Sends the whole request, head and body, keeping the connection open for the next one (no Connection: close). */
  public WireSocket send(S3Wire.Request request) {
    write(S3Wire.head(request, false).getBytes(StandardCharsets.ISO_8859_1), 0, -1);
    return sendBody(request.body(), 0, request.body().length);
  }

  /** Sends {@code body[from, to)}. */
  public WireSocket sendBody(byte[] body, int from, int to) {
    write(body, from, to - from);
    bodyBytesSent += to - from;
    return this;
  }

  /** How many body bytes {@link #sendBody} has sent on this connection. */
  public long bodyBytesSent() {
    return bodyBytesSent;
  }

  /** Closes the output only (TCP FIN): the server reads end-of-stream where it expected more body. */
  public WireSocket halfClose() {
    try {
      socket.shutdownOutput();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Resets the connection (TCP RST), as the kernel does for a killed process with unread or unsent data. */
  public void kill() {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response with its body as bytes, for replies that are not text (CBOR). */
  public record RawResponse(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * The next response on the connection: an interim 100 (its head only) or a final one (head and body); empty
   * when the server closed or reset the connection before sending a single byte of it. A read timeout fails.
   */
  public Optional<S3Wire.Response> readResponse() {
    return readRawResponse().map(r -> new S3Wire.Response(r.status(), r.headers(), new String(r.body(), StandardCharsets.UTF_8)));
  }

  /** As {@link #readResponse}, with the body as bytes; a body sent in HTTP chunked framing is unframed. */
  public Optional<RawResponse> readRawResponse() {
    try {
      ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
      int last4 = 0;
      while (last4 != 0x0D0A0D0A) {
        int b;
        try {
          b = in.read();
        } catch (SocketException reset) {
          if (headBytes.size() == 0) {
            return Optional.empty();
          }
          throw reset;
        }
        if (b < 0) {
          if (headBytes.size() == 0) {
            return Optional.empty();
          }
          throw new IOException("the server closed the connection in the middle of a response head");
        }
        headBytes.write(b);
        last4 = (last4 << 8) | b;
        if (headBytes.size() > 64 * 1024) {
          throw new IOException("a response head longer than 64 KiB");
        }
      }
      String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
      }
      if (status / 100 == 1) {
        return Optional.of(new RawResponse(status, headers, new byte[0]));
      }
      String length = headers.get("content-length");
      byte[] body;
      if (length != null) {
        body = in.readNBytes(Integer.parseInt(length));
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = readChunked();
      } else {
        body = in.readAllBytes();
      }
      return Optional.of(new RawResponse(status, headers, body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.writeBytes(in.readNBytes(size));
      readLine();
      if (body.size() > 64 * 1024 * 1024) {
        throw new IOException("a chunked response body longer than 64 MiB");
      }
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("the server closed the connection in the middle of a chunked body");
      }
      if (b != '\r') {
        line.write(b);
      }
      if (line.size() > 8192) {
        throw new IOException("a chunk-size line longer than 8 KiB");
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** True when the server has closed (or reset) its side: a read gives end-of-stream, not data and not a timeout. */
  public boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (SocketException reset) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(byte[] bytes, int offset, int length) {
    try {
      out.write(bytes, offset, length < 0 ? bytes.length : length);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
