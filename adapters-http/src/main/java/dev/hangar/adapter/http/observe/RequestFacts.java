package dev.hangar.adapter.http.observe;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * What one request turned out to be, as the handlers learn it: its protocol, its operation, the error it was
 * answered with, why authentication refused it, how many bytes of an upload were stored. Attached to the exchange
 * by {@link RequestObserver} and read when the exchange completes; every value is one of a bounded set (no id,
 * name, key or other caller-chosen text), so it may label a metric. Outside an observed exchange the setters do
 * nothing.
 */
public final class RequestFacts {
  static final AttachmentKey<RequestFacts> KEY = AttachmentKey.create(RequestFacts.class);
  public static final String NONE = "none";

  private final long startNanos;
  private final RequestObserver observer;
  private volatile boolean upload;
  private volatile String protocol = Protocol.OTHER;
  private volatile String operation = "unknown";
  private volatile String errorCode = NONE;
  private volatile String authRefusal;
  private volatile long uploadedBytes;
  private volatile boolean counted = true;

  /** The values of the {@code protocol} label. */
  public static final class Protocol {
    public static final String JSON = "json";
    public static final String CBOR = "cbor";
    public static final String S3 = "s3";
    /** Hangar's own paths: the health check, the console, the scrape. */
    public static final String HANGAR = "hangar";
    public static final String OTHER = "other";

    private Protocol() {
    }
  }

  RequestFacts(long startNanos, RequestObserver observer) {
    this.startNanos = startNanos;
    this.observer = observer;
  }

  /** The request's protocol and operation ({@code unknown} until named; only names the server serves). */
  public static void operation(HttpServerExchange exchange, String protocol, String operation) {
    RequestFacts facts = exchange.getAttachment(KEY);
    if (facts != null) {
      facts.protocol = protocol;
      facts.operation = operation;
    }
  }

  /** The protocol alone, while the operation is not known yet. */
  public static void protocol(HttpServerExchange exchange, String protocol) {
    RequestFacts facts = exchange.getAttachment(KEY);
    if (facts != null) {
      facts.protocol = protocol;
    }
  }

  /** The wire error code the request was answered with (one of the protocol's declared codes). */
  public static void error(HttpServerExchange exchange, String code) {
    RequestFacts facts = exchange.getAttachment(KEY);
    if (facts != null) {
      facts.errorCode = code;
    }
  }

  /** Why SigV4 refused the request: the name of one of the verifier's reasons. */
  public static void authRefused(HttpServerExchange exchange, String reason) {
    RequestFacts facts = exchange.getAttachment(KEY);
    if (facts != null) {
      facts.authRefusal = reason;
    }
  }

  /** A PutObject or UploadPart whose body is about to be received: counted in flight until it completes. */
  public static void uploadStarted(HttpServerExchange exchange) {
    RequestFacts facts = exchange.getAttachment(KEY);
    if (facts != null && !facts.upload) {
      facts.upload = true;
      facts.observer.uploadStarted();
    }
  }

  /** Bytes of an upload (PutObject, UploadPart) that were stored. */
  public static void uploaded(HttpServerExchange exchange, long bytes) {
    RequestFacts facts = exchange.getAttachment(KEY);
    if (facts != null) {
      facts.uploadedBytes = bytes;
    }
  }

  /** Left out of the request metrics (the scrape itself); still in the access log. */
  public static void uncounted(HttpServerExchange exchange) {
    RequestFacts facts = exchange.getAttachment(KEY);
    if (facts != null) {
      facts.counted = false;
    }
  }

  public long startNanos() {
    return startNanos;
  }

  public String protocol() {
    return protocol;
  }

  public String operation() {
    return operation;
  }

  public String errorCode() {
    return errorCode;
  }

  public java.util.Optional<String> authRefusal() {
    return java.util.Optional.ofNullable(authRefusal);
  }

  public long uploadedBytes() {
    return uploadedBytes;
  }

  boolean upload() {
    return upload;
  }

  public boolean counted() {
    return counted;
  }
}
