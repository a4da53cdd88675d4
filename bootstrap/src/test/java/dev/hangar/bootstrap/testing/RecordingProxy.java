package dev.hangar.bootstrap.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 proxy in front of a node, for tests that assert on what clients never show: it forwards
 * every byte unchanged (the Host header too, so SigV4 signatures stay valid) and records each exchange, request
 * line, header lines as sent and body, then status line, header lines and body. Bodies may be framed by
 * Content-Length or chunked (the recorded body is the decoded one) or, for a reply, by the connection's end;
 * a connection may carry several exchanges (keep-alive). Interim 1xx replies are forwarded, not recorded.
 *
 * <p>Bounded: at most {@value #MAX_CONNECTIONS} connections at once, {@value #MAX_HEAD_BYTES} bytes of head and
 * {@value #MAX_BODY_BYTES} of body per message, {@value #MAX_RECORDED_BYTES} recorded in all; a read in the middle
 * of an exchange waits at most {@value #EXCHANGE_TIMEOUT_MILLIS} ms, an idle keep-alive connection is closed after
 * {@value #IDLE_TIMEOUT_MILLIS} ms. Anything beyond a bound, or a connection broken in the middle of an exchange,
 * closes the connection and is listed in {@link #problems()}.
 */
public final class RecordingProxy implements AutoCloseable {
  static final int MAX_CONNECTIONS = 32;
  static final int MAX_HEAD_BYTES = 64 * 1024;
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  static final long MAX_RECORDED_BYTES = 64L * 1024 * 1024;
  static final int EXCHANGE_TIMEOUT_MILLIS = 10_000;
  static final int IDLE_TIMEOUT_MILLIS = 60_000;

  /** One header line as sent: its name in the sender's case, its value trimmed. */
  public record Header(String name, String value) {
  }

  /** A request or a reply: its start line, header lines in order and decoded body. */
  public record Message(String startLine, List<Header> headers, byte[] body) {
    /** The first value of the header {@code name} (any case). */
    public Optional<String> header(String name) {
      return headers(name).stream().findFirst();
    }

    /** Every value of the header {@code name} (any case), in order. */
    public List<String> headers(String name) {
      return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }
  }

  /** One request and its final reply; {@code connection} numbers the connections, {@code sequence} the exchanges on one. */
  public record Exchange(int connection, int sequence, Message request, Message response) {
    public String method() {
      return request.startLine().split(" ", 3)[0];
    }

    /** The request target as sent (path and query). */
    public String target() {
      return request.startLine().split(" ", 3)[1];
    }

    public int status() {
      return Integer.parseInt(response.startLine().split(" ", 3)[1]);
    }
  }

  private enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

  private record Head(String startLine, List<Header> headers, byte[] raw) {
    Optional<String> header(String name) {
      return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    boolean says(String name, String token) {
      return headers.stream().filter(h -> h.name().equalsIgnoreCase(name))
          .flatMap(h -> List.of(h.value().split(",")).stream())
          .anyMatch(v -> v.trim().equalsIgnoreCase(token));
    }
  }

  private final InetSocketAddress upstream;
  private final ServerSocket listener;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "recording-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong recordedBytes = new AtomicLong();
  private volatile boolean closed;

  private RecordingProxy(URI upstream, ServerSocket listener) {
    this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
    this.listener = listener;
  }

  /** Listens on 127.0.0.1, a free port, and forwards each connection to {@code upstream} (an http:// endpoint). */
  public static RecordingProxy start(URI upstream) {
    try {
      ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      RecordingProxy proxy = new RecordingProxy(upstream, listener);
      proxy.connections.execute(proxy::acceptLoop);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where clients connect: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** The exchanges completed so far, in the order their replies ended. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** What went wrong on the wire (a bound reached, a connection broken in the middle of an exchange); empty when all went well. */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  /** Forgets the exchanges recorded so far (not the problems). */
  public synchronized void clear() {
    exchanges.clear();
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(RecordingProxy::closeQuietly);
    connections.shutdownNow();
    try {
      if (!connections.awaitTermination(5, TimeUnit.SECONDS)) {
        problem("connection threads still running 5 s after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          problem("accept failed: " + e);
        }
        return;
      }
      int connection = connectionCount.incrementAndGet();
      if (active.incrementAndGet() > MAX_CONNECTIONS) {
        active.decrementAndGet();
        problem("connection " + connection + " refused: more than " + MAX_CONNECTIONS + " at once");
        closeQuietly(client);
        continue;
      }
      connections.execute(() -> {
        try {
          serve(client, connection);
        } finally {
          active.decrementAndGet();
        }
      });
    }
  }

  private void serve(Socket client, int connection) {
    Socket server = new Socket();
    open.add(client);
    open.add(server);
    int sequence = 0;
    try {
      server.connect(upstream, EXCHANGE_TIMEOUT_MILLIS);
      server.setSoTimeout(EXCHANGE_TIMEOUT_MILLIS);
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      OutputStream toClient = new BufferedOutputStream(client.getOutputStream());
      InputStream fromServer = new BufferedInputStream(server.getInputStream());
      OutputStream toServer = new BufferedOutputStream(server.getOutputStream());
      while (!closed) {
        client.setSoTimeout(IDLE_TIMEOUT_MILLIS);
        if (!firstByteArrives(fromClient)) {
          return;
        }
        client.setSoTimeout(EXCHANGE_TIMEOUT_MILLIS);
        Head requestHead = readHead(fromClient).orElseThrow(() -> new IOException("the client closed in a request head"));
        String method = requestHead.startLine().split(" ", 2)[0];
        toServer.write(requestHead.raw());
        byte[] requestBody = relay(fromClient, toServer, requestFraming(requestHead), requestHead);
        toServer.flush();
        Head responseHead;
        while (true) {
          responseHead = readHead(fromServer).orElseThrow(() -> new IOException("the server closed without a reply"));
          toClient.write(responseHead.raw());
          int status = status(responseHead);
          if (status / 100 != 1 || status == 101) {
            break;
          }
          toClient.flush();
        }
        Framing responseFraming = responseFraming(method, responseHead);
        byte[] responseBody = relay(fromServer, toClient, responseFraming, responseHead);
        toClient.flush();
        record(requestHead.raw().length + requestBody.length + responseHead.raw().length + responseBody.length,
            new Exchange(connection, sequence++,
            new Message(requestHead.startLine(), requestHead.headers(), requestBody),
            new Message(responseHead.startLine(), responseHead.headers(), responseBody)));
        if (responseFraming == Framing.UNTIL_CLOSE || requestHead.says("Connection", "close")
            || responseHead.says("Connection", "close") || requestHead.startLine().endsWith("HTTP/1.0")) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        problem("connection " + connection + ", exchange " + sequence + ": " + e);
      }
    } finally {
      open.remove(client);
      open.remove(server);
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  /** Waits for the next request to begin: false when the client closes, resets or stays idle beyond the idle bound. */
  private static boolean firstByteArrives(InputStream in) throws IOException {
    in.mark(1);
    try {
      if (in.read() < 0) {
        return false;
      }
    } catch (SocketTimeoutException | SocketException idleOrGone) {
      return false;
    }
    in.reset();
    return true;
  }

  private static Framing requestFraming(Head head) {
    if (head.header("Transfer-Encoding").isPresent()) {
      return Framing.CHUNKED;
    }
    return head.header("Content-Length").isPresent() ? Framing.LENGTH : Framing.NONE;
  }

  private static Framing responseFraming(String method, Head head) {
    int status = status(head);
    if (method.equals("HEAD") || status == 204 || status == 304) {
      return Framing.NONE;
    }
    if (head.header("Transfer-Encoding").isPresent()) {
      return Framing.CHUNKED;
    }
    return head.header("Content-Length").isPresent() ? Framing.LENGTH : Framing.UNTIL_CLOSE;
  }

  private static int status(Head head) {
    String[] parts = head.startLine().split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IllegalStateException("not a status line: " + head.startLine());
    }
    return Integer.parseInt(parts[1]);
  }

  /** Copies one body from {@code in} to {@code out} as framed, and returns it decoded. */
  private byte[] relay(InputStream in, OutputStream out, Framing framing, Head head) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    switch (framing) {
      case NONE -> { }
      case LENGTH -> {
        long length = Long.parseLong(head.header("Content-Length").orElseThrow().trim());
        if (length < 0 || length > MAX_BODY_BYTES) {
          throw new IOException("Content-Length " + length + " beyond the proxy's bound of " + MAX_BODY_BYTES);
        }
        copy(in, out, body, length);
      }
      case CHUNKED -> {
        while (true) {
          String sizeLine = readLine(in, out);
          int semicolon = sizeLine.indexOf(';');
          long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
          if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
            throw new IOException("a chunked body beyond the proxy's bound of " + MAX_BODY_BYTES);
          }
          if (size == 0) {
            while (!readLine(in, out).isEmpty()) {
              // trailer lines, forwarded
            }
            break;
          }
          copy(in, out, body, size);
          if (!readLine(in, out).isEmpty()) {
            throw new IOException("a chunk not followed by CRLF");
          }
        }
      }
      case UNTIL_CLOSE -> {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          if (body.size() + n > MAX_BODY_BYTES) {
            throw new IOException("a body beyond the proxy's bound of " + MAX_BODY_BYTES);
          }
          out.write(buffer, 0, n);
          body.write(buffer, 0, n);
        }
      }
    }
    return body.toByteArray();
  }

  private static void copy(InputStream in, OutputStream out, ByteArrayOutputStream body, long length) throws IOException {
    byte[] buffer = new byte[8192];
    for (long left = length; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("the connection ended " + left + " bytes before the end of a body");
      }
      out.write(buffer, 0, n);
      body.write(buffer, 0, n);
      left -= n;
    }
  }

  /** Reads one CRLF-terminated line (bounded), forwards it raw, returns it without the CRLF. */
  private static String readLine(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection ended in the middle of a line");
      }
      out.write(b);
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      if (line.size() > MAX_HEAD_BYTES) {
        throw new IOException("a line longer than " + MAX_HEAD_BYTES + " bytes");
      }
      previous = b;
    }
  }

  /** The next head (start line and header lines up to the empty line); empty when the stream ends before its first byte. */
  private static Optional<Head> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        if (raw.size() == 0) {
          return Optional.empty();
        }
        throw new IOException("the connection ended in the middle of a head");
      }
      raw.write(b);
      last4 = (last4 << 8) | b;
      if (raw.size() > MAX_HEAD_BYTES) {
        throw new IOException("a head longer than " + MAX_HEAD_BYTES + " bytes");
      }
    }
    byte[] bytes = raw.toByteArray();
    String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
    List<Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new IOException("a header line without a name: " + lines[i]);
      }
      headers.add(new Header(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
    }
    return Optional.of(new Head(lines[0], List.copyOf(headers), bytes));
  }

  private void record(long size, Exchange exchange) throws IOException {
    if (recordedBytes.addAndGet(size) > MAX_RECORDED_BYTES) {
      throw new IOException("more than " + MAX_RECORDED_BYTES + " bytes recorded");
    }
    synchronized (this) {
      exchanges.add(exchange);
    }
  }

  private synchronized void problem(String description) {
    if (problems.size() < 100) {
      problems.add(description);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public String toString() {
    return "RecordingProxy[" + endpoint() + " -> " + upstream + ", " + exchanges().size() + " exchanges]";
  }
}
