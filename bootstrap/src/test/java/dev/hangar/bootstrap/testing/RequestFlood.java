package dev.hangar.bootstrap.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One signed request replayed as fast as a few keep-alive connections allow: a client calling an operation in a
 * loop (SigV4 signatures may be replayed within their 15 minutes, as on AWS). Loopback only, bounded in calls and
 * in time; each reply is read whole (Content-Length framing) before the next request on its connection.
 */
public final class RequestFlood {
  /** What the flood did: calls answered, of which 200s, the first other reply (status and body), and how long. */
  public record Result(long calls, long ok, String firstFailure, Duration elapsed) {
    public double callsPerSecond() {
      return calls / (elapsed.toNanos() / 1e9);
    }
  }

  private RequestFlood() {
  }

  /**
   * Sends {@code request} {@code calls} times over {@code connections} connections, or until {@code limit} has
   * passed, whichever comes first.
   */
  public static Result run(URI endpoint, S3Wire.Request request, int connections, long calls, Duration limit) {
    requireLoopback(endpoint);
    byte[] wire = wireBytes(request);
    AtomicLong tickets = new AtomicLong(calls);
    AtomicLong answered = new AtomicLong();
    AtomicLong ok = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    AtomicReference<RuntimeException> broken = new AtomicReference<>();
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread thread = new Thread(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5000);
          socket.setSoTimeout(10_000);
          socket.setTcpNoDelay(true);
          OutputStream out = socket.getOutputStream();
          InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
          while (System.nanoTime() < deadline && tickets.getAndDecrement() > 0) {
            out.write(wire);
            out.flush();
            Reply reply = read(in);
            answered.incrementAndGet();
            if (reply.status == 200) {
              ok.incrementAndGet();
            } else {
              firstFailure.compareAndSet(null, reply.status + " " + reply.body);
            }
          }
        } catch (IOException | RuntimeException e) {
          broken.compareAndSet(null, new IllegalStateException("a flood connection failed after " + answered.get() + " calls", e));
        }
      }, "flood-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      try {
        thread.join(limit.plusSeconds(15).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while flooding", e);
      }
    }
    if (broken.get() != null) {
      throw broken.get();
    }
    return new Result(answered.get(), ok.get(), firstFailure.get(), Duration.ofNanos(System.nanoTime() - start));
  }

  private static void requireLoopback(URI endpoint) {
    try {
      if (!InetAddress.getByName(endpoint.getHost()).isLoopbackAddress()) {
        throw new IllegalArgumentException("floods go to loopback addresses only, not " + endpoint);
      }
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + endpoint.getHost(), e);
    }
  }

  private static byte[] wireBytes(S3Wire.Request request) {
    byte[] head = S3Wire.head(request, false).getBytes(StandardCharsets.ISO_8859_1);
    byte[] wire = new byte[head.length + request.body().length];
    System.arraycopy(head, 0, wire, 0, head.length);
    System.arraycopy(request.body(), 0, wire, head.length, request.body().length);
    return wire;
  }

  private record Reply(int status, String body) {
  }

  private static Reply read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the server closed the connection mid-reply");
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    int length = -1;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:")) {
        throw new IOException("expected a Content-Length reply, got " + line);
      }
    }
    if (length < 0) {
      throw new IOException("a reply without Content-Length: " + lines[0]);
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("the reply ended after " + body.length + " of " + length + " bytes");
    }
    return new Reply(status, status == 200 ? "" : new String(body, StandardCharsets.UTF_8));
  }

  /** Used heap after two full collections of the JVM {@code pid}, read with {@code jcmd} (GC.run, GC.heap_info). */
  public static long heapAfterFullGc(long pid) {
    jcmd(pid, "GC.run");
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    java.util.regex.Matcher used = java.util.regex.Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K").matcher(info);
    if (!used.find()) {
      throw new IllegalStateException("no G1 heap line in GC.heap_info (run the node with -XX:+UseG1GC):\n" + info);
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  private static String jcmd(long pid, String command) {
    try {
      Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
