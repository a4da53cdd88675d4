package dev.hangar.adapter.http.s3;

import dev.hangar.adapter.http.HttpDates;
import dev.hangar.adapter.http.RequestIds;
import dev.hangar.adapter.http.UndertowRequests;
import dev.hangar.adapter.http.s3.ClientStream.ClientGoneException;
import dev.hangar.adapter.http.s3.payload.AwsChunkedDecoder;
import dev.hangar.adapter.http.s3.payload.ChecksumAlgorithm;
import dev.hangar.adapter.http.s3.payload.PayloadException;
import dev.hangar.adapter.http.s3.payload.VerifyingInputStream;
import dev.hangar.adapter.http.sigv4.Canonical;
import dev.hangar.adapter.http.sigv4.CredentialResolver;
import dev.hangar.adapter.http.sigv4.SigV4Exception;
import dev.hangar.adapter.http.sigv4.SigV4Verifier;
import dev.hangar.adapter.http.sigv4.SigningCredential;
import dev.hangar.adapter.http.sigv4.Verified;
import dev.hangar.application.port.in.BuildObject;
import dev.hangar.application.port.in.CompleteMultipartUploadCommand;
import dev.hangar.application.port.in.GetBuildObjectQuery;
import dev.hangar.application.port.in.MultipartUploadCommand;
import dev.hangar.application.port.in.PutBuildObjectCommand;
import dev.hangar.application.port.in.UploadDeniedException;
import dev.hangar.application.port.in.UploadPartCommand;
import dev.hangar.application.port.in.UploadRequest;
import dev.hangar.application.port.in.UploadTooLargeException;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.application.port.out.PrincipalDirectory;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.MultipartUpload;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.StoredObject;
import dev.hangar.domain.storage.StoredPart;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The S3-compatible upload endpoint, path-style, on the API's port. Every request is SigV4-verified
 * (service {@code s3}) before its body is touched, so {@code Expect: 100-continue} is answered only once
 * the request may go on. Leases may do exactly the upload operations on their one object; an account's API
 * keys may read back its builds' objects. Bodies stream through verification (payload hash, aws-chunked
 * chunk and trailer signatures, checksums) into storage, which keeps nothing of a body that failed.
 */
public final class S3Handler implements HttpHandler {
  private static final HttpString REQUEST_ID = new HttpString("x-amz-request-id");
  private static final HttpString ID_2 = new HttpString("x-amz-id-2");
  private static final HttpString CONTENT_SHA256 = new HttpString("x-amz-content-sha256");
  private static final int MAX_XML_BYTES = 2 * 1024 * 1024;
  private static final int COPY_BUFFER = 64 * 1024;
  private static final Set<String> OPERATION_PARAMETERS = Set.of("uploads", "uploadId", "partNumber", "max-parts",
      "part-number-marker", "x-id");
  private static final String[] FORBIDDEN_HEADER_PREFIXES = {"x-amz-acl", "x-amz-grant-", "x-amz-tagging", "x-amz-copy-source",
      "x-amz-object-lock-", "x-amz-website-redirect-location"};
  private static final System.Logger LOG = System.getLogger(S3Handler.class.getName());
  private static final java.util.regex.Pattern HEX_SHA256 = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

  private final S3UseCases useCases;
  private final SigV4Verifier verifier;
  private final CredentialResolver<S3Identity> credentials;
  private final HttpDates dates;

  public S3Handler(S3UseCases useCases, SigV4Verifier verifier, LeaseLookup leases, PrincipalDirectory principals, Clock clock) {
    this.useCases = useCases;
    this.verifier = verifier;
    this.dates = new HttpDates(clock);
    this.credentials = accessKeyId -> leases.findByAccessKeyId(accessKeyId)
        .map(lease -> SigningCredential.<S3Identity>temporary(lease.secretAccessKey(), lease.sessionToken(), lease.expiresAt(),
            new S3Identity.Lease(lease)))
        .or(() -> principals.findByAccessKeyId(accessKeyId)
            .map(principal -> SigningCredential.<S3Identity>longTerm(principal.secretAccessKey(), new S3Identity.Account(principal.account()))));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    String requestId = RequestIds.next();
    exchange.getResponseHeaders().put(REQUEST_ID, requestId).put(ID_2, requestId);
    dates.stamp(exchange);
    exchange.startBlocking();
    try {
      serve(exchange);
    } catch (S3Failure failure) {
      refuse(exchange, failure.error(), failure.getMessage(), failure.extra(), requestId);
    } catch (SigV4Exception refusal) {
      refuseSignature(exchange, refusal, requestId);
    } catch (PayloadException payload) {
      refuse(exchange, errorFor(payload.code()), payload.getMessage(), Map.of(), requestId);
    } catch (UploadDeniedException denied) {
      refuse(exchange, S3Error.ACCESS_DENIED, denied.getMessage(), Map.of(), requestId);
    } catch (dev.hangar.domain.failure.StateConflictException conflict) {
      refuse(exchange, S3Error.ACCESS_DENIED, "Access Denied: " + conflict.getMessage(), Map.of(), requestId);
    } catch (UploadTooLargeException tooLarge) {
      refuse(exchange, S3Error.ENTITY_TOO_LARGE, tooLarge.getMessage(), Map.of(), requestId);
    } catch (UploadStore.NoSuchUploadException noSuchUpload) {
      refuse(exchange, S3Error.NO_SUCH_UPLOAD, noSuchUpload.getMessage(), Map.of(), requestId);
    } catch (MultipartUpload.RuleException rule) {
      refuse(exchange, errorFor(rule.violation()), rule.getMessage(), Map.of(), requestId);
    } catch (InvalidValueException invalid) {
      refuse(exchange, S3Error.INVALID_ARGUMENT, invalid.getMessage(), Map.of(), requestId);
    } catch (ClientGoneException gone) {
      // The body ended before its declared length, or the client went away: nothing was kept. Say so if
      // anyone is still listening (a half-closed connection is), then close.
      LOG.log(System.Logger.Level.DEBUG, () -> "request " + requestId + ": " + gone.getMessage());
      refuse(exchange, S3Error.INCOMPLETE_BODY, S3Error.INCOMPLETE_BODY.message(), Map.of(), requestId);
    } catch (RuntimeException bug) {
      LOG.log(System.Logger.Level.ERROR, () -> "S3 request " + requestId + " failed", bug);
      refuse(exchange, S3Error.INTERNAL_ERROR, S3Error.INTERNAL_ERROR.message(), Map.of(), requestId);
    }
  }

  private void serve(HttpServerExchange exchange) {
    String method = exchange.getRequestMethod().toString();
    Map<String, String> query = queryParameters(exchange.getQueryString());
    String[] bucketAndKey = bucketAndKey(exchange.getRequestURI());
    boolean presigned = query.containsKey("X-Amz-Algorithm");
    String contentSha256 = exchange.getRequestHeaders().getFirst(CONTENT_SHA256);
    if (!presigned && contentSha256 == null && exchange.getRequestHeaders().contains(Headers.AUTHORIZATION)) {
      throw new S3Failure(S3Error.INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256");
    }
    Verified<S3Identity> verified = verifier.verify(UndertowRequests.signed(exchange),
        presigned ? "UNSIGNED-PAYLOAD" : contentSha256 == null ? Canonical.EMPTY_SHA256 : contentSha256, credentials);
    S3Identity identity = verified.principal();
    if (bucketAndKey[1].isEmpty()) {
      throw identity instanceof S3Identity.Lease ? new S3Failure(S3Error.ACCESS_DENIED)
          : new S3Failure(S3Error.NOT_IMPLEMENTED, "Only objects of builds are served here: GET or HEAD /<bucket>/<key>");
    }
    BucketName bucket = bucket(bucketAndKey[0]);
    ObjectKey key = new ObjectKey(bucketAndKey[1]);
    for (String name : query.keySet()) {
      if (!OPERATION_PARAMETERS.contains(name) && !name.startsWith("X-Amz-")) {
        throw new S3Failure(S3Error.ACCESS_DENIED, "Access Denied: the '" + name + "' sub-resource is not allowed");
      }
    }
    boolean uploadId = query.containsKey("uploadId");
    switch (method) {
      case "PUT" -> {
        if (query.containsKey("partNumber") || uploadId) {
          uploadPart(exchange, lease(identity, exchange), bucket, key, query, verified);
        } else {
          putObject(exchange, lease(identity, exchange), bucket, key, verified);
        }
      }
      case "POST" -> {
        if (query.containsKey("uploads")) {
          createMultipartUpload(exchange, lease(identity, exchange), bucket, key);
        } else if (uploadId) {
          completeMultipartUpload(exchange, lease(identity, exchange), bucket, key, query.get("uploadId"), verified);
        } else {
          throw new S3Failure(S3Error.ACCESS_DENIED);
        }
      }
      case "DELETE" -> {
        if (!uploadId) {
          throw new S3Failure(S3Error.ACCESS_DENIED);
        }
        useCases.abortMultipartUpload().abortMultipartUpload(new MultipartUploadCommand(
            new UploadRequest(lease(identity, exchange), bucket, key), query.get("uploadId")));
        exchange.setStatusCode(204);
        exchange.endExchange();
      }
      case "GET" -> {
        if (uploadId) {
          listParts(exchange, lease(identity, exchange), bucket, key, query);
        } else {
          getObject(exchange, identity, bucket, key, true);
        }
      }
      case "HEAD" -> getObject(exchange, identity, bucket, key, false);
      default -> throw new S3Failure(S3Error.METHOD_NOT_ALLOWED);
    }
  }

  private void putObject(HttpServerExchange exchange, dev.hangar.domain.credential.CredentialLease lease, BucketName bucket,
      ObjectKey key, Verified<S3Identity> verified) {
    Body body = body(exchange, verified);
    StoredObject object = useCases.putObject().putBuildObject(
        new PutBuildObjectCommand(new UploadRequest(lease, bucket, key), body.declaredLength(), body.stream()));
    exchange.getResponseHeaders().put(Headers.ETAG, object.etag());
    echoChecksum(exchange, body);
    exchange.endExchange();
  }

  private void uploadPart(HttpServerExchange exchange, dev.hangar.domain.credential.CredentialLease lease, BucketName bucket,
      ObjectKey key, Map<String, String> query, Verified<S3Identity> verified) {
    if (!query.containsKey("partNumber") || !query.containsKey("uploadId")) {
      throw new S3Failure(S3Error.INVALID_ARGUMENT, "UploadPart needs both partNumber and uploadId");
    }
    int partNumber = partNumber(query.get("partNumber"));
    Body body = body(exchange, verified);
    StoredPart part = useCases.uploadPart().uploadPart(new UploadPartCommand(new UploadRequest(lease, bucket, key),
        query.get("uploadId"), partNumber, body.declaredLength(), body.stream()));
    exchange.getResponseHeaders().put(Headers.ETAG, part.etag());
    echoChecksum(exchange, body);
    exchange.endExchange();
  }

  private void createMultipartUpload(HttpServerExchange exchange, dev.hangar.domain.credential.CredentialLease lease,
      BucketName bucket, ObjectKey key) {
    String uploadId = useCases.createMultipartUpload().createMultipartUpload(new UploadRequest(lease, bucket, key));
    sendXml(exchange, S3Xml.initiated(bucket.value(), key.value(), uploadId));
  }

  private void completeMultipartUpload(HttpServerExchange exchange, dev.hangar.domain.credential.CredentialLease lease,
      BucketName bucket, ObjectKey key, String uploadId, Verified<S3Identity> verified) {
    Body body = body(exchange, verified);
    if (body.declaredLength() > MAX_XML_BYTES) {
      throw new S3Failure(S3Error.MALFORMED_XML, "The CompleteMultipartUpload document is larger than " + MAX_XML_BYTES + " bytes");
    }
    byte[] xml;
    try {
      xml = body.stream().readAllBytes();
    } catch (IOException e) {
      throw new ClientGoneException(e);
    }
    List<MultipartUpload.RequestedPart> parts = S3Xml.parseComplete(xml);
    StoredObject object = useCases.completeMultipartUpload().completeMultipartUpload(
        new CompleteMultipartUploadCommand(new UploadRequest(lease, bucket, key), uploadId, parts));
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    sendXml(exchange, S3Xml.completed("http://" + host + "/" + bucket + "/" + key, bucket.value(), key.value(), object.etag()));
  }

  private void listParts(HttpServerExchange exchange, dev.hangar.domain.credential.CredentialLease lease, BucketName bucket,
      ObjectKey key, Map<String, String> query) {
    int maxParts = boundedInt(query.getOrDefault("max-parts", "1000"), 0, 1000, "max-parts");
    int marker = boundedInt(query.getOrDefault("part-number-marker", "0"), 0, MultipartUpload.MAX_PARTS, "part-number-marker");
    String uploadId = query.get("uploadId");
    List<StoredPart> parts = useCases.listParts().listParts(new MultipartUploadCommand(new UploadRequest(lease, bucket, key), uploadId));
    sendXml(exchange, S3Xml.listParts(bucket.value(), key.value(), uploadId, marker, maxParts, parts));
  }

  private void getObject(HttpServerExchange exchange, S3Identity identity, BucketName bucket, ObjectKey key, boolean withBody) {
    if (!(identity instanceof S3Identity.Account account)) {
      throw new S3Failure(S3Error.ACCESS_DENIED);
    }
    BuildObject found = useCases.getObject().getBuildObject(new GetBuildObjectQuery(account.account(), bucket, key))
        .orElseThrow(() -> new S3Failure(S3Error.NO_SUCH_KEY));
    exchange.getResponseHeaders().put(Headers.ETAG, found.object().etag())
        .put(Headers.CONTENT_TYPE, "application/zip")
        .put(new HttpString("x-amz-version-id"), found.object().versionId());
    exchange.setResponseContentLength(found.object().size());
    if (!withBody) {
      exchange.endExchange();
      return;
    }
    try (InputStream in = useCases.getObject().openBuildObject(found).orElseThrow(() -> new S3Failure(S3Error.NO_SUCH_KEY));
        OutputStream out = exchange.getOutputStream()) {
      byte[] buffer = new byte[COPY_BUFFER];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      // The client stopped reading: the response cannot be finished, so the connection goes.
      exchange.setPersistent(false);
      throw new ClientGoneException(e);
    }
  }

  /** The object's bytes as they arrive, verified as the request's payload mode demands, and their declared length. */
  private record Body(InputStream stream, long declaredLength, ChecksumAlgorithm algorithm, VerifyingInputStream verifying) {
  }

  private Body body(HttpServerExchange exchange, Verified<S3Identity> verified) {
    String mode = Optional.ofNullable(exchange.getRequestHeaders().getFirst(CONTENT_SHA256)).orElse("UNSIGNED-PAYLOAD");
    ClientStream raw = new ClientStream(exchange.getInputStream());
    Optional<Map.Entry<ChecksumAlgorithm, String>> headerChecksum = headerChecksum(exchange);
    ChecksumAlgorithm headerAlgorithm = headerChecksum.map(Map.Entry::getKey).orElse(null);
    String headerValue = headerChecksum.map(Map.Entry::getValue).orElse(null);
    if (headerValue != null) {
      VerifyingInputStream.requireValidChecksumValue(headerAlgorithm, headerValue);
    }
    switch (mode) {
      case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> {
        String decodedHeader = exchange.getRequestHeaders().getFirst("x-amz-decoded-content-length");
        if (decodedHeader == null) {
          throw new S3Failure(S3Error.MISSING_CONTENT_LENGTH, "aws-chunked uploads must carry x-amz-decoded-content-length");
        }
        long decoded = nonNegative(decodedHeader, "x-amz-decoded-content-length");
        boolean trailer = mode.endsWith("-TRAILER");
        List<String> trailerNames = trailer ? trailerNames(exchange) : List.of();
        if (trailer && trailerNames.isEmpty()) {
          throw new S3Failure(S3Error.INVALID_REQUEST, "A trailer payload needs the x-amz-trailer header");
        }
        boolean signed = !mode.startsWith("STREAMING-UNSIGNED");
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(raw, decoded, trailerNames, signed
            ? new AwsChunkedDecoder.ChunkSigning(verified.signingKey(), verified.amzDate(), verified.scope(), verified.seedSignature(), trailer)
            : null);
        Optional<String> trailerChecksum = trailerNames.stream().filter(n -> ChecksumAlgorithm.fromHeaderName(n).isPresent()).findFirst();
        ChecksumAlgorithm algorithm = trailerChecksum.flatMap(ChecksumAlgorithm::fromHeaderName).orElse(headerAlgorithm);
        if (!signed && algorithm == null) {
          throw new S3Failure(S3Error.INVALID_REQUEST, "An unsigned payload is accepted only with a checksum header or trailer");
        }
        VerifyingInputStream verifying = trailerChecksum.isPresent()
            ? new VerifyingInputStream(decoder, decoded, null, algorithm, () -> decoder.trailers().get(trailerChecksum.get().toLowerCase(Locale.ROOT)))
            : headerValue != null
                ? VerifyingInputStream.withKnownChecksum(decoder, decoded, null, algorithm, headerValue)
                : new VerifyingInputStream(decoder, decoded, null, null, null);
        return new Body(verifying, decoded, algorithm, verifying);
      }
      case "UNSIGNED-PAYLOAD" -> {
        long length = contentLength(exchange);
        if (headerAlgorithm == null) {
          throw new S3Failure(S3Error.INVALID_REQUEST, "UNSIGNED-PAYLOAD is accepted only with an x-amz-checksum-* header, which is verified");
        }
        VerifyingInputStream verifying = VerifyingInputStream.withKnownChecksum(raw, length, null, headerAlgorithm, headerValue);
        return new Body(verifying, length, headerAlgorithm, verifying);
      }
      default -> {
        if (!HEX_SHA256.matcher(mode).matches()) {
          throw new S3Failure(mode.startsWith("STREAMING-") ? S3Error.NOT_IMPLEMENTED : S3Error.INVALID_ARGUMENT,
              "Unsupported x-amz-content-sha256 value; use a hex SHA-256, UNSIGNED-PAYLOAD or an HMAC-SHA256 aws-chunked mode");
        }
        long length = contentLength(exchange);
        VerifyingInputStream verifying = headerValue != null
            ? VerifyingInputStream.withKnownChecksum(raw, length, mode, headerAlgorithm, headerValue)
            : new VerifyingInputStream(raw, length, mode, null, null);
        return new Body(verifying, length, headerAlgorithm, verifying);
      }
    }
  }

  private static void echoChecksum(HttpServerExchange exchange, Body body) {
    if (body.algorithm() != null) {
      body.verifying().checksumBase64().ifPresent(value -> exchange.getResponseHeaders().put(new HttpString(body.algorithm().headerName()), value));
    }
  }

  private static Optional<Map.Entry<ChecksumAlgorithm, String>> headerChecksum(HttpServerExchange exchange) {
    Map.Entry<ChecksumAlgorithm, String> found = null;
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      String value = exchange.getRequestHeaders().getFirst(algorithm.headerName());
      if (value != null) {
        if (found != null) {
          throw new S3Failure(S3Error.INVALID_REQUEST, "Expecting a single x-amz-checksum- header");
        }
        found = Map.entry(algorithm, value);
      }
    }
    return Optional.ofNullable(found);
  }

  private static List<String> trailerNames(HttpServerExchange exchange) {
    List<String> names = new ArrayList<>();
    for (String header : exchange.getRequestHeaders().get("x-amz-trailer") == null ? List.<String>of()
        : exchange.getRequestHeaders().get("x-amz-trailer")) {
      for (String name : header.split(",")) {
        if (!name.isBlank()) {
          names.add(name.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  private static long contentLength(HttpServerExchange exchange) {
    long length = exchange.getRequestContentLength();
    if (length < 0) {
      throw new S3Failure(S3Error.MISSING_CONTENT_LENGTH);
    }
    return length;
  }

  private dev.hangar.domain.credential.CredentialLease lease(S3Identity identity, HttpServerExchange exchange) {
    if (!(identity instanceof S3Identity.Lease lease)) {
      throw new S3Failure(S3Error.ACCESS_DENIED, "Access Denied: uploads are made with the credentials that RequestUploadCredentials returns");
    }
    for (io.undertow.util.HeaderValues header : exchange.getRequestHeaders()) {
      String name = header.getHeaderName().toString().toLowerCase(Locale.ROOT);
      for (String prefix : FORBIDDEN_HEADER_PREFIXES) {
        if (name.startsWith(prefix)) {
          throw new S3Failure(S3Error.ACCESS_DENIED, "Access Denied: the " + name + " header is not allowed with upload credentials");
        }
      }
    }
    return lease.lease();
  }

  private void refuseSignature(HttpServerExchange exchange, SigV4Exception refusal, String requestId) {
    // Decoded names, as the verifier reads them: X-Amz%2DAlgorithm is query authentication too.
    boolean presigned = queryParameters(exchange.getQueryString()).containsKey("X-Amz-Algorithm");
    switch (refusal.reason()) {
      case MISSING_AUTHENTICATION -> refuse(exchange, S3Error.ACCESS_DENIED, "Access Denied", Map.of(), requestId);
      case MALFORMED, WRONG_SCOPE -> refuse(exchange, presigned ? S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR
          : S3Error.AUTHORIZATION_HEADER_MALFORMED, refusal.getMessage(), Map.of(), requestId);
      case WRONG_REGION -> refuse(exchange, S3Error.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; the region '"
          + refusal.expectedRegion().orElse("") + "' is expected.", Map.of("Region", refusal.expectedRegion().orElse("")), requestId);
      case REQUEST_TIME_SKEWED -> refuse(exchange, S3Error.REQUEST_TIME_TOO_SKEWED, S3Error.REQUEST_TIME_TOO_SKEWED.message(),
          Map.of("MaxAllowedSkewMilliseconds", Long.toString(SigV4Verifier.MAX_SKEW.toMillis())), requestId);
      case PRESIGNED_EXPIRED -> refuse(exchange, S3Error.ACCESS_DENIED, "Request has expired", Map.of(), requestId);
      case UNKNOWN_ACCESS_KEY -> refuse(exchange, S3Error.INVALID_ACCESS_KEY_ID, S3Error.INVALID_ACCESS_KEY_ID.message(), Map.of(), requestId);
      case INVALID_TOKEN -> refuse(exchange, S3Error.INVALID_TOKEN, S3Error.INVALID_TOKEN.message(), Map.of(), requestId);
      case EXPIRED_TOKEN -> refuse(exchange, S3Error.EXPIRED_TOKEN, S3Error.EXPIRED_TOKEN.message(), Map.of(), requestId);
      case UNSIGNED_HEADERS -> refuse(exchange, S3Error.ACCESS_DENIED, refusal.getMessage(), Map.of(), requestId);
      case SIGNATURE_MISMATCH -> refuse(exchange, S3Error.SIGNATURE_DOES_NOT_MATCH, S3Error.SIGNATURE_DOES_NOT_MATCH.message(), Map.of(),
          requestId);
    }
  }

  private void refuse(HttpServerExchange exchange, S3Error error, String message, Map<String, String> extra, String requestId) {
    if (exchange.isResponseStarted()) {
      exchange.setPersistent(false);
      exchange.endExchange();
      return;
    }
    // The body may be unread (and, with Expect: 100-continue, unsent): never wait for it, close after answering.
    exchange.setPersistent(false);
    exchange.setStatusCode(error.status());
    exchange.getResponseHeaders().remove(Headers.ETAG);
    if (exchange.getRequestMethod().toString().equals("HEAD")) {
      exchange.endExchange();
      return;
    }
    byte[] xml = S3Xml.error(error, message, requestId, extra).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/xml");
    exchange.setResponseContentLength(xml.length);
    try {
      exchange.getOutputStream().write(xml);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, () -> "could not send an S3 error to the client of " + requestId);
    }
    exchange.endExchange();
  }

  private static void sendXml(HttpServerExchange exchange, String xml) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/xml");
    exchange.setResponseContentLength(bytes.length);
    try {
      exchange.getOutputStream().write(bytes);
    } catch (IOException e) {
      throw new ClientGoneException(e);
    }
    exchange.endExchange();
  }

  private static S3Error errorFor(PayloadException.Code code) {
    return switch (code) {
      case BAD_DIGEST -> S3Error.BAD_DIGEST;
      case CONTENT_SHA256_MISMATCH -> S3Error.CONTENT_SHA256_MISMATCH;
      case SIGNATURE_DOES_NOT_MATCH -> S3Error.SIGNATURE_DOES_NOT_MATCH;
      case INCOMPLETE_BODY -> S3Error.INCOMPLETE_BODY;
      case MALFORMED -> S3Error.INVALID_REQUEST;
      case INVALID_DIGEST -> S3Error.INVALID_DIGEST;
    };
  }

  private static S3Error errorFor(MultipartUpload.Violation violation) {
    return switch (violation) {
      case INVALID_PART -> S3Error.INVALID_PART;
      case INVALID_PART_ORDER -> S3Error.INVALID_PART_ORDER;
      case ENTITY_TOO_SMALL -> S3Error.ENTITY_TOO_SMALL;
      case MALFORMED -> S3Error.MALFORMED_XML;
    };
  }

  private static BucketName bucket(String name) {
    try {
      return new BucketName(name);
    } catch (InvalidValueException e) {
      throw new S3Failure(S3Error.NO_SUCH_BUCKET);
    }
  }

  /** Path style: the first segment is the bucket, the rest (decoded, slashes kept) the key. */
  private static String[] bucketAndKey(String requestUri) {
    String path = requestUri;
    int scheme = path.indexOf("://");
    if (scheme > 0 && !path.startsWith("/")) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    String rest = path.startsWith("/") ? path.substring(1) : path;
    int slash = rest.indexOf('/');
    String bucket = Canonical.percentDecode(slash < 0 ? rest : rest.substring(0, slash));
    String key = slash < 0 ? "" : Canonical.percentDecode(rest.substring(slash + 1));
    return new String[] {bucket, key};
  }

  private static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      params.putIfAbsent(Canonical.percentDecode(eq < 0 ? part : part.substring(0, eq)),
          eq < 0 ? "" : Canonical.percentDecode(part.substring(eq + 1)));
    }
    return params;
  }

  private static int partNumber(String value) {
    try {
      return MultipartUpload.requirePartNumber(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw new S3Failure(S3Error.INVALID_ARGUMENT, "Part number must be an integer between 1 and " + MultipartUpload.MAX_PARTS + ", inclusive");
    }
  }

  private static int boundedInt(String value, int min, int max, String name) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new S3Failure(S3Error.INVALID_ARGUMENT, name + " must be an integer between " + min + " and " + max);
  }

  private static long nonNegative(String value, String name) {
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new S3Failure(S3Error.INVALID_ARGUMENT, name + " must be a non-negative integer");
  }
}
