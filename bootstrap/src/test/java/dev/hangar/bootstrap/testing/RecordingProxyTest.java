package dev.hangar.bootstrap.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy forwards bytes unchanged and records each exchange of a keep-alive connection, whatever the framing. */
class RecordingProxyTest {
  private HttpServer upstream;

  @BeforeEach
  void startUpstream() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext("/", exchange -> {
      byte[] request = exchange.getRequestBody().readAllBytes();
      byte[] reply = ("echo:" + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("X-Path", exchange.getRequestURI().getPath());
      if (exchange.getRequestURI().getPath().equals("/empty")) {
        exchange.sendResponseHeaders(200, -1);
      } else if (exchange.getRequestURI().getPath().equals("/chunked")) {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply, 0, 3);
          out.flush();
          out.write(reply, 3, reply.length - 3);
        }
      } else {
        exchange.sendResponseHeaders(201, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply);
        }
      }
      exchange.close();
    });
    upstream.start();
  }

  @AfterEach
  void stopUpstream() {
    upstream.stop(0);
  }

  @Test
  void exchanges_keepAliveWithLengthChunkedAndEmptyBodies_forwardedAndRecordedInOrder() throws IOException {
    try (RecordingProxy proxy = RecordingProxy.start(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
         Socket socket = new Socket("127.0.0.1", proxy.endpoint().getPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();

      out.write("POST /fixed HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nX-Case: One\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(readReply(in, proxy)).startsWith("HTTP/1.1 201").endsWith("echo:hello");

      out.write(("POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(readReply(in, proxy)).startsWith("HTTP/1.1 200").contains("Transfer-encoding: chunked");

      out.write("GET /empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");

      List<RecordingProxy.Exchange> exchanges = proxy.exchanges();
      assertThat(proxy.problems()).isEmpty();
      assertThat(exchanges).extracting(RecordingProxy.Exchange::sequence).containsExactly(0, 1, 2);
      assertThat(exchanges).extracting(RecordingProxy.Exchange::connection).containsOnly(exchanges.get(0).connection());
      assertThat(exchanges).extracting(RecordingProxy.Exchange::method).containsExactly("POST", "POST", "GET");
      assertThat(exchanges).extracting(RecordingProxy.Exchange::target).containsExactly("/fixed", "/chunked", "/empty");
      assertThat(exchanges).extracting(RecordingProxy.Exchange::status).containsExactly(201, 200, 200);
      assertThat(exchanges.get(0).request().header("x-case")).contains("One");
      assertThat(exchanges.get(0).request().body()).asString().isEqualTo("hello");
      assertThat(exchanges.get(0).response().body()).asString().isEqualTo("echo:hello");
      assertThat(exchanges.get(0).response().header("X-PATH")).contains("/fixed");
      assertThat(exchanges.get(1).request().body()).asString().isEqualTo("abcdefg");
      assertThat(exchanges.get(1).response().body()).asString().isEqualTo("echo:abcdefg");
      assertThat(exchanges.get(2).response().body()).isEmpty();
    }
  }

  @Test
  void exchanges_replyBeyondTheBodyBound_closesAndReportsAProblem() throws IOException {
    try (RecordingProxy proxy = RecordingProxy.start(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
         Socket socket = new Socket("127.0.0.1", proxy.endpoint().getPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("POST /fixed HTTP/1.1\r\nHost: x\r\nContent-Length: " + (RecordingProxy.MAX_BODY_BYTES + 1)
          + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      assertThat(proxy.exchanges()).isEmpty();
      assertThat(proxy.problems()).singleElement().asString().contains("beyond the proxy's bound");
    }
  }

  /** One reply with a Content-Length or chunked body (read whole, framing included); fails at end of stream. */
  private static String readReply(InputStream in, RecordingProxy proxy) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    while (!raw.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
      raw.write(readByte(in, raw, proxy));
    }
    String lower = raw.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("transfer-encoding: chunked")) {
      while (!raw.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
        raw.write(readByte(in, raw, proxy));
      }
      return raw.toString(StandardCharsets.ISO_8859_1);
    }
    int at = lower.indexOf("content-length:") + "content-length:".length();
    int length = Integer.parseInt(lower.substring(at, lower.indexOf("\r\n", at)).trim());
    raw.write(in.readNBytes(length));
    return raw.toString(StandardCharsets.ISO_8859_1);
  }

  private static int readByte(InputStream in, ByteArrayOutputStream soFar, RecordingProxy proxy) throws IOException {
    int b = in.read();
    if (b < 0 || soFar.size() > 64 * 1024) {
      throw new IOException("no complete reply (" + (b < 0 ? "end of stream" : "too long") + ") after: "
          + soFar.toString(StandardCharsets.ISO_8859_1) + "; the proxy's problems: " + proxy.problems());
    }
    return b;
  }
}
