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
 * access log's) has those fields as the JSON object's members. A logging thread only queues its record; a writer
 * thread formats and writes what is queued in batches, waking every {@value #WAKE_MILLIS} ms or when the queue is a
 * quarter full, so a request neither formats its line nor wakes a thread nor waits for the terminal. The queue is
 * bounded (a full queue makes the logging thread wait, nothing is dropped), and what is queued is written before
 * the JVM exits ({@link #flushAll}).
 */
public final class LogLines extends Handler {
  private static final int QUEUE = 16_384;
  private static final int WAKE_EARLY = QUEUE / 4;
  private static final long WAKE_MILLIS = 20;
  /** Fills a record's {0}-style parameters into its message (formatMessage is thread-safe). */
  private static final java.util.logging.Formatter PARAMETERS = new java.util.logging.SimpleFormatter();
  private final ServingSettings.LogFormat format;
  private final BlockingQueue<LogRecord> records = new ArrayBlockingQueue<>(QUEUE);
  private final PrintStream out;
  private final Thread writer;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();

  LogLines(ServingSettings.LogFormat format, OutputStream out) {
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
    published.incrementAndGet();
    if (!records.offer(record)) {
      java.util.concurrent.locks.LockSupport.unpark(writer);
      try {
        records.put(record);
      } catch (InterruptedException e) {
        published.decrementAndGet();
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (records.size() == WAKE_EARLY) {
      java.util.concurrent.locks.LockSupport.unpark(writer);
    }
  }

  private void write() {
    java.util.List<LogRecord> batch = new java.util.ArrayList<>(1024);
    while (true) {
      records.drainTo(batch, 1024);
      if (batch.isEmpty()) {
        out.flush();
        if (closed) {
          return;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(WAKE_MILLIS));
        continue;
      }
      for (LogRecord record : batch) {
        String line;
        try {
          line = format == ServingSettings.LogFormat.JSON ? json(record) : text(record);
        } catch (RuntimeException e) { // a parameter whose toString fails: the line says so, the writer goes on
          line = "log record of " + record.getLoggerName() + " could not be formatted: " + e;
        }
        out.print(line);
        out.print('\n');
      }
      written.addAndGet(batch.size());
      batch.clear();
    }
  }

  @Override
  public void flush() {
    // Until every line published so far is written and flushed (the writer flushes when its queue is empty), at most 5 s.
    long target = published.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    java.util.concurrent.locks.LockSupport.unpark(writer);
    while (written.get() < target && System.nanoTime() < deadline && writer.isAlive()) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
    }
    out.flush();
  }

  @Override
  public void close() {
    flush();
    closed = true;
    java.util.concurrent.locks.LockSupport.unpark(writer);
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
      member(line, "message", record.getMessage().replace(" {0}", ""));
      fields.forEach((name, value) -> {
        if (value instanceof Number number) {
          line.append(",\"").append(name).append("\":").append(number);
        } else {
          member(line, String.valueOf(name), dev.hangar.adapter.http.observe.AccessLog.Fields.text(value));
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
    if (parameters == null || parameters.length == 0) {
      return record.getMessage();
    }
    if (parameters.length == 1 && parameters[0] instanceof Map) { // the access log's fields render themselves
      return record.getMessage().replace("{0}", String.valueOf(parameters[0]));
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
