package dev.hangar.benchmarks;

import dev.hangar.adapter.http.HttpEndpoint;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upload baseline: the least an S3 server can do for PutObject and the multipart calls, with no authentication,
 * no checksum, no check of any kind. Bodies are read as they come (aws-chunked framing included: the sink does not
 * decode it) through one 1 MiB buffer per request.
 *
 * <ul>
 *   <li>{@code drop}: the bytes are read and thrown away; what the client and the HTTP stack cost.
 *   <li>{@code disk}: each object or part is written into a new file under the folder given and
 *       {@code fdatasync}ed before the answer: what writing each byte to disk once, durably, costs.
 *   <li>{@code disk-hash}: {@code disk}, and each body's SHA-256, MD5 and CRC32 computed as it is read: the least a
 *       server that checks SigV4's payload hash and the client's CRC32 checksum and answers S3's MD5 ETag must add
 *       (whatever it does with the results).
 * </ul>
 *
 * <p>Usage: {@code java -cp hangar-benchmarks.jar dev.hangar.benchmarks.S3Sink <port> drop|disk|disk-hash [folder]} (0 picks a
 * free port). Binds 127.0.0.1 only, prints {@code listening on http://127.0.0.1:<port>}, runs until killed. Completing
 * an upload answers with a fixed XML body (its parts stay where they were written); nothing is ever read back.
 */
public final class S3Sink {
  private static final int BUFFER = 1024 * 1024;
  private static final AtomicLong FILES = new AtomicLong();

  private final boolean disk;
  private final boolean hash;
  private final Path folder;

  private S3Sink(boolean disk, boolean hash, Path folder) {
    this.disk = disk;
    this.hash = hash;
    this.folder = folder;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    boolean disk = switch (args[1]) {
      case "drop" -> false;
      case "disk", "disk-hash" -> true;
      default -> throw new IllegalArgumentException("mode drop, disk or disk-hash, not " + args[1]);
    };
    Path folder = disk ? Files.createDirectories(Path.of(args[2])) : null;
    S3Sink sink = new S3Sink(disk, args[1].equals("disk-hash"), folder);
    // As Hangar: 100 Continue once the body is first read (botocore sends Expect: 100-continue, and waits a second
    // for it when nobody answers).
    HttpHandler root = new io.undertow.server.handlers.HttpContinueReadHandler(new BlockingHandler(sink::handle));
    HttpEndpoint endpoint = HttpEndpoint.start("127.0.0.1", port, Math.max(2, Runtime.getRuntime().availableProcessors()),
        64, root);
    Runtime.getRuntime().addShutdownHook(new Thread(endpoint::close, "sink-shutdown"));
    System.out.println("listening on " + endpoint.uri());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private void handle(HttpServerExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toString();
    boolean uploads = exchange.getQueryParameters().containsKey("uploads");
    boolean uploadId = exchange.getQueryParameters().containsKey("uploadId");
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/xml");
    switch (method) {
      case "PUT" -> {
        store(exchange.getInputStream());
        exchange.getResponseHeaders().put(Headers.ETAG, "\"" + UUID.randomUUID().toString().replace("-", "") + "\"");
        exchange.setResponseContentLength(0);
      }
      case "POST" -> {
        try (InputStream in = exchange.getInputStream()) {
          in.transferTo(OutputStreamSink.INSTANCE);
        }
        String path = exchange.getRequestPath();
        if (uploads) {
          reply(exchange, "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>" + path + "</Key><UploadId>"
              + UUID.randomUUID() + "</UploadId></InitiateMultipartUploadResult>");
        } else if (uploadId) {
          reply(exchange, "<CompleteMultipartUploadResult><Location>" + path + "</Location><Bucket>b</Bucket><Key>" + path
              + "</Key><ETag>\"00000000000000000000000000000000-1\"</ETag></CompleteMultipartUploadResult>");
        } else {
          exchange.setStatusCode(400);
        }
      }
      case "DELETE" -> exchange.setStatusCode(204);
      default -> exchange.setStatusCode(405);
    }
    exchange.endExchange();
  }

  private static void reply(HttpServerExchange exchange, String xml) {
    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml).getBytes(StandardCharsets.UTF_8);
    exchange.setResponseContentLength(body.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  private void store(InputStream in) throws IOException {
    byte[] buffer = new byte[BUFFER];
    if (!disk) {
      while (in.read(buffer) >= 0) {
        // dropped
      }
      return;
    }
    Path file = folder.resolve("object-" + FILES.incrementAndGet());
    MessageDigest sha256 = hash ? digest("SHA-256") : null;
    MessageDigest md5 = hash ? digest("MD5") : null;
    java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (hash) {
          sha256.update(buffer, 0, read);
          md5.update(buffer, 0, read);
          crc32.update(buffer, 0, read);
        }
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
      }
      out.force(false);
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where a body nobody needs goes. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {
    }

    @Override
    public void write(byte[] b, int off, int len) {
    }
  }
}
