package dev.hangar.bootstrap;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The jar's log output: every {@link System.Logger} record (the JDK routes them through java.util.logging) as one line
 * on standard error, in text or as one JSON object per line. A record whose one parameter is a map of fields (the
 * access log's) has those fields as the JSON object's members. Lines are formatted on the logging thread and written
 * by a writer thread in batches, so a request never waits for the terminal; the queue is bounded (a full queue makes
 * the logging thread wait, nothing is dropped), and what is queued is written before the JVM exits.
 */
public final class LogLines extends Handler {
  private static final int QUEUE = 16_384;
  /** Fills a record's {0}-style parameters into its message (formatMessage is thread-safe). */
  private static final java.util.logging.Formatter PARAMETERS = new java.util.logging.SimpleFormatter();
  private final ServingSettings.LogFormat format;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE);
  private final PrintStream out;
  private final Thread writer;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();

  private LogLines(ServingSettings.LogFormat format, OutputStream out) {
    this.format = format;
    this.out = new PrintStream(new java.io.BufferedOutputStream(out, 64 * 1024), false, StandardCharsets.UTF_8);
    this.writer = new Thread(this::write, "hangar-log-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Writes out every line logged so far, before an exit. */
  static void flushAll() {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.flush();
    }
  }

  /** Replaces the root logger's handlers with one that writes {@code format} lines to standard error. */
  public static void install(ServingSettings.LogFormat format) {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.addHandler(new LogLines(format, new java.io.FileOutputStream(java.io.FileDescriptor.err)));
    root.setLevel(Level.INFO);
  }

  @Override
  public void publish(LogRecord record) {
    if (closed || !isLoggable(record)) {
      return;
    }
    String line = format == ServingSettings.LogFormat.JSON ? json(record) : text(record);
    try {
      lines.put(line);
      published.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write() {
    java.util.List<String> batch = new java.util.ArrayList<>(256);
    while (true) {
      try {
        String first = lines.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            return;
          }
          continue;
        }
        batch.add(first);
        lines.drainTo(batch, 1023);
        for (String line : batch) {
          out.print(line);
          out.print('\n');
        }
        if (lines.isEmpty()) {
          out.flush();
        }
        written.addAndGet(batch.size());
        batch.clear();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void flush() {
    // Until every line published so far is written and flushed (the writer flushes when its queue is empty), at most 5 s.
    long target = published.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (written.get() < target && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
    }
    out.flush();
  }

  @Override
  public void close() {
    flush();
    closed = true;
    try {
      writer.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }

  private static String text(LogRecord record) {
    StringBuilder line = new StringBuilder(200).append(Instant.ofEpochMilli(record.getMillis())).append(' ')
        .append(record.getLevel().getName()).append(' ').append(record.getLoggerName()).append(' ').append(message(record));
    if (record.getThrown() != null) {
      line.append('\n').append(trace(record.getThrown()).stripTrailing());
    }
    return line.toString();
  }

  private static String json(LogRecord record) {
    StringBuilder line = new StringBuilder(256).append('{');
    member(line, "time", Instant.ofEpochMilli(record.getMillis()).toString());
    member(line, "level", record.getLevel().getName());
    member(line, "logger", record.getLoggerName());
    Object[] parameters = record.getParameters();
    if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
      member(line, "message", record.getMessage().split(" ", 2)[0]);
      fields.forEach((name, value) -> {
        if (value instanceof Number number) {
          line.append(",\"").append(name).append("\":").append(number);
        } else {
          member(line, String.valueOf(name), String.valueOf(value));
        }
      });
    } else {
      member(line, "message", message(record));
    }
    if (record.getThrown() != null) {
      member(line, "error", trace(record.getThrown()));
    }
    return line.append('}').toString();
  }

  private static String message(LogRecord record) {
    Object[] parameters = record.getParameters();
    if (parameters == null || parameters.length == 0 || parameters[0] instanceof Map) {
      return record.getMessage();
    }
    return PARAMETERS.formatMessage(record);
  }

  private static String trace(Throwable thrown) {
    java.io.StringWriter trace = new java.io.StringWriter();
    thrown.printStackTrace(new java.io.PrintWriter(trace));
    return trace.toString();
  }

  private static void member(StringBuilder line, String name, String value) {
    if (line.length() > 1) {
      line.append(',');
    }
    line.append('"');
    escape(line, name);
    line.append("\":\"");
    escape(line, value);
    line.append('"');
  }

  private static void escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
