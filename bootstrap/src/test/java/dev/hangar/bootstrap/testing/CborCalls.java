package dev.hangar.bootstrap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Raw Smithy RPC v2 CBOR calls: {@code POST /service/GameLift/operation/<Op>} with {@code smithy-protocol:
 * rpc-v2-cbor}, a body the test encoded itself (see {@link CborBytes}), signed by the SDK's SigV4 signer
 * ({@link RawSigner}), and the reply decoded by Jackson's CBOR mapper.
 */
public final class CborCalls {
  public static final String PROTOCOL_HEADER = "smithy-protocol";
  public static final String PROTOCOL = "rpc-v2-cbor";
  public static final String CONTENT_TYPE = "application/cbor";
  public static final String REGION = "us-west-2";
  public static final S3Wire.Keys TEST_KEYS = new S3Wire.Keys(Clients.ACCESS_KEY_ID, Clients.SECRET_ACCESS_KEY, null);
  private static final CBORMapper CBOR = new CBORMapper();

  /** A reply as it came: status, headers, raw body; {@link #tree()} decodes the body as CBOR. */
  public record Reply(int status, HttpHeaders headers, byte[] body) {
    public static Reply of(HttpResponse<byte[]> response) {
      return new Reply(response.statusCode(), response.headers(), response.body());
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /** The body decoded as one CBOR item; a missing node for an empty body. A body that is not CBOR fails. */
    public JsonNode tree() {
      return decode(body);
    }

    /** {@code __type} of an error body, e.g. {@code com.amazonaws.gamelift#NotFoundException}; null if there is none. */
    public String type() {
      JsonNode type = tree().get("__type");
      return type == null ? null : type.asText();
    }

    /** The error code: {@code __type} after its namespace. */
    public String code() {
      String type = type();
      return type == null ? null : type.substring(type.indexOf('#') + 1);
    }

    public String message() {
      JsonNode message = tree().get("message");
      return message == null ? null : message.asText();
    }

    /** For assertion messages: the status, the protocol headers and the decoded body (or its bytes in hex). */
    public String describe() {
      String shown;
      try {
        shown = body.length == 0 ? "(empty)" : decode(body).toString();
      } catch (RuntimeException notCbor) {
        shown = "not CBOR: " + java.util.HexFormat.of().formatHex(body, 0, Math.min(body.length, 200));
      }
      if (shown.length() > 600) {
        shown = shown.substring(0, 600) + "…";
      }
      return status + " " + header(PROTOCOL_HEADER).orElse("-") + " " + header("Content-Type").orElse("-") + " " + shown;
    }
  }

  private CborCalls() {
  }

  /** The path of an operation on the CBOR protocol. */
  public static String path(String operation) {
    return "/service/GameLift/operation/" + operation;
  }

  /** The headers a CBOR client sends with a body (botocore's set). */
  public static Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(PROTOCOL_HEADER, PROTOCOL);
    headers.put("Content-Type", CONTENT_TYPE);
    headers.put("Accept", CONTENT_TYPE);
    return headers;
  }

  /** {@code operation} with this body, signed now with the test principal's keys. */
  public static RawSigner.Signed request(URI endpoint, String operation, byte[] body) {
    return request(endpoint, operation, body, TEST_KEYS, Clock.systemUTC());
  }

  public static RawSigner.Signed request(URI endpoint, String operation, byte[] body, S3Wire.Keys keys, Clock clock) {
    return RawSigner.sign(endpoint, path(operation), headers(), body, keys, clock, REGION, "gamelift");
  }

  /** Signs and sends; no reply within 10 s fails. */
  public static Reply call(URI endpoint, String operation, byte[] body) {
    return send(endpoint, request(endpoint, operation, body), Duration.ofSeconds(10));
  }

  public static Reply send(URI endpoint, RawSigner.Signed request, Duration timeout) {
    return Reply.of(RawSigner.send(endpoint, request, timeout));
  }

  /** One CBOR item, decoded; empty bytes are a missing node. */
  public static JsonNode decode(byte[] body) {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return CBOR.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("the body is not CBOR", e);
    }
  }
}
