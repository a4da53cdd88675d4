package dev.hangar.adapter.http.sigv4;

import dev.hangar.adapter.http.uri.RequestTarget;
import dev.hangar.adapter.http.sigv4.SigV4Exception.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies AWS Signature Version 4 on header-signed and presigned (query-signed) requests for one region
 * and one service, against the server's clock. Everything is computed from the raw request: the path and
 * query as sent, every header occurrence, and a payload hash the caller computed from the bytes received
 * (or, for S3, took from {@code x-amz-content-sha256} and checks while streaming). Signatures are compared
 * in constant time; no secret ever appears in a message.
 */
public final class SigV4Verifier {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final long MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;
  private static final int MAX_CACHED_KEYS = 4096;
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
      + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

  private record CachedKey(String secret, byte[] key) {
  }

  private final String region;
  private final String service;
  private final boolean normalizePath;
  private final Clock clock;
  private final ConcurrentHashMap<String, CachedKey> signingKeys = new ConcurrentHashMap<>();

  /**
   * @param normalizePath true for every service but S3: remove dot segments and encode the path again
   */
  public SigV4Verifier(String region, String service, boolean normalizePath, Clock clock) {
    this.region = region;
    this.service = service;
    this.normalizePath = normalizePath;
    this.clock = clock;
  }

  public String region() {
    return region;
  }

  public <P> Verified<P> verify(SignedRequest request, String payloadHash, CredentialResolver<P> credentials) {
    List<String> authorizations = request.values("authorization");
    Map<String, String> authQuery = authQueryParameters(request.target());
    boolean presigned = authQuery.containsKey("X-Amz-Algorithm");
    if (!authorizations.isEmpty() && presigned) {
      throw new SigV4Exception(Reason.MALFORMED, "Only one auth mechanism allowed; only the X-Amz-Algorithm query "
          + "parameter or the Authorization header should be specified");
    }
    if (authorizations.isEmpty() && !presigned) {
      throw new SigV4Exception(Reason.MISSING_AUTHENTICATION, "Missing Authentication Token");
    }
    if (authorizations.size() > 1) {
      throw new SigV4Exception(Reason.MALFORMED, "Only one Authorization header is allowed");
    }
    Instant now = clock.instant();
    Parsed parsed = presigned ? parsePresigned(authQuery, now) : parseHeader(authorizations.get(0), request, now);
    checkScope(parsed);
    checkSignedHeaders(parsed, request, presigned);

    Optional<String> token = presigned ? Optional.ofNullable(authQuery.get("X-Amz-Security-Token")) : request.first("x-amz-security-token");
    SigningCredential<P> credential = credentials.find(parsed.accessKeyId, token)
        .orElseThrow(() -> new SigV4Exception(Reason.UNKNOWN_ACCESS_KEY, "The security token included in the request is invalid."));
    checkToken(credential, token, now);

    String scope = parsed.date + "/" + region + "/" + service + "/aws4_request";
    String canonicalRequest = canonicalRequest(request, parsed.signedHeaders, payloadHash, presigned);
    String stringToSign = ALGORITHM + "\n" + parsed.amzDate + "\n" + scope + "\n" + Canonical.sha256Hex(canonicalRequest);
    byte[] key = signingKey(parsed.accessKeyId, credential.secretAccessKey(), parsed.date);
    String expected = Canonical.hex(Canonical.hmac(key, stringToSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parsed.signature.getBytes(StandardCharsets.US_ASCII))) {
      throw new SigV4Exception(Reason.SIGNATURE_MISMATCH, MISMATCH);
    }
    return new Verified<>(credential.principal(), parsed.accessKeyId, expected, key, parsed.amzDate, scope);
  }

  /** The canonical request, as a client that signed this request must have built it. */
  String canonicalRequest(SignedRequest request, List<String> signedHeaders, String payloadHash, boolean presigned) {
    StringBuilder out = new StringBuilder(256);
    out.append(request.method()).append('\n')
        .append(Canonical.canonicalUri(request.rawPath(), normalizePath)).append('\n')
        .append(Canonical.canonicalQuery(request.target(), presigned)).append('\n');
    for (String name : signedHeaders) {
      out.append(name).append(':').append(Canonical.canonicalHeaderValue(request.values(name))).append('\n');
    }
    out.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
    return out.toString();
  }

  private static final class Parsed {
    String accessKeyId;
    String date;
    String credentialRegion;
    String credentialService;
    String terminator;
    String amzDate;
    boolean dateFromDateHeader;
    List<String> signedHeaders;
    String signature;
  }

  private Parsed parseHeader(String authorization, SignedRequest request, Instant now) {
    if (!authorization.startsWith(ALGORITHM + " ")) {
      String scheme = authorization.split(" ", 2)[0];
      String hint = scheme.equals("AWS") ? " (AWS Signature Version 2 is not supported)"
          : scheme.startsWith("AWS4-ECDSA") ? " (SigV4a is not supported)" : "";
      throw new SigV4Exception(Reason.MALFORMED, "Unsupported authorization type" + hint + "; sign requests with " + ALGORITHM);
    }
    Map<String, String> parts = new HashMap<>();
    for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
      String trimmed = part.trim();
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new SigV4Exception(Reason.MALFORMED, "Authorization header components must be Name=Value pairs separated by commas");
      }
      String name = trimmed.substring(0, eq);
      if (!name.equals("Credential") && !name.equals("SignedHeaders") && !name.equals("Signature")) {
        throw new SigV4Exception(Reason.MALFORMED, "Unknown Authorization header component '" + printable(name) + "'");
      }
      if (parts.put(name, trimmed.substring(eq + 1)) != null) {
        throw new SigV4Exception(Reason.MALFORMED, "Authorization header component '" + name + "' appears more than once");
      }
    }
    StringBuilder missing = new StringBuilder();
    for (String required : new String[] {"Credential", "SignedHeaders", "Signature"}) {
      if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
        missing.append("Authorization header requires '").append(required).append("' parameter. ");
      }
    }
    Parsed parsed = new Parsed();
    Optional<String> amzDate = request.first("x-amz-date");
    if (amzDate.isPresent()) {
      parsed.amzDate = amzDate.get();
    } else if (request.first("date").isPresent()) {
      parsed.amzDate = fromHttpDate(request.first("date").get());
      parsed.dateFromDateHeader = true;
    } else {
      missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (missing.length() > 0) {
      throw new SigV4Exception(Reason.MALFORMED, missing.toString().trim());
    }
    parseCredential(parsed, parts.get("Credential"));
    parsed.signedHeaders = parseSignedHeaders(parts.get("SignedHeaders"));
    parsed.signature = parts.get("Signature");
    Instant time = parseAmzDate(parsed.amzDate);
    checkSkew(parsed.amzDate, time, now);
    return parsed;
  }

  private Parsed parsePresigned(Map<String, String> query, Instant now) {
    StringBuilder missing = new StringBuilder();
    for (String required : new String[] {"X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Expires"}) {
      if (!query.containsKey(required) || query.get(required).isEmpty()) {
        missing.append("Query-string authentication requires the ").append(required).append(" parameter. ");
      }
    }
    if (missing.length() > 0) {
      throw new SigV4Exception(Reason.MALFORMED, missing.toString().trim());
    }
    if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
      throw new SigV4Exception(Reason.MALFORMED, "X-Amz-Algorithm must be " + ALGORITHM);
    }
    Parsed parsed = new Parsed();
    parsed.amzDate = query.get("X-Amz-Date");
    parseCredential(parsed, query.get("X-Amz-Credential"));
    parsed.signedHeaders = parseSignedHeaders(query.get("X-Amz-SignedHeaders"));
    parsed.signature = query.get("X-Amz-Signature");
    Instant time = parseAmzDate(parsed.amzDate);
    long expires;
    try {
      expires = Long.parseLong(query.get("X-Amz-Expires"));
    } catch (NumberFormatException e) {
      expires = -1;
    }
    if (expires < 1 || expires > MAX_PRESIGNED_EXPIRES_SECONDS) {
      throw new SigV4Exception(Reason.MALFORMED, "X-Amz-Expires must be a number of seconds from 1 to " + MAX_PRESIGNED_EXPIRES_SECONDS);
    }
    if (time.isAfter(now.plus(MAX_SKEW))) {
      checkSkew(parsed.amzDate, time, now);
    }
    if (now.isAfter(time.plusSeconds(expires))) {
      throw new SigV4Exception(Reason.PRESIGNED_EXPIRED, "Request has expired");
    }
    return parsed;
  }

  private static void parseCredential(Parsed parsed, String credential) {
    String[] scope = credential.split("/", -1);
    if (scope.length != 5 || scope[0].isEmpty()) {
      throw new SigV4Exception(Reason.MALFORMED, "Credential must have the form <access key id>/<date>/<region>/<service>/aws4_request");
    }
    parsed.accessKeyId = scope[0];
    parsed.date = scope[1];
    parsed.credentialRegion = scope[2];
    parsed.credentialService = scope[3];
    parsed.terminator = scope[4];
  }

  private static List<String> parseSignedHeaders(String value) {
    List<String> names = List.of(value.split(";", -1));
    String previous = "";
    for (String name : names) {
      if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || name.compareTo(previous) <= 0) {
        throw new SigV4Exception(Reason.MALFORMED, "SignedHeaders must be lower-case header names, sorted, separated by ';'");
      }
      previous = name;
    }
    return names;
  }

  private void checkScope(Parsed parsed) {
    if (!parsed.amzDate.startsWith(parsed.date) || parsed.date.length() != 8) {
      throw new SigV4Exception(Reason.WRONG_SCOPE, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
          + printable(parsed.date) + "' != '" + parsed.amzDate.substring(0, Math.min(8, parsed.amzDate.length())) + "'");
    }
    if (!parsed.credentialRegion.equals(region)) {
      throw new SigV4Exception(Reason.WRONG_REGION, "Credential should be scoped to a valid region, not '"
          + printable(parsed.credentialRegion) + "'; this endpoint expects '" + region + "'.", region);
    }
    if (!parsed.credentialService.equals(service)) {
      throw new SigV4Exception(Reason.WRONG_SCOPE, "Credential should be scoped to correct service: '" + service + "', not '"
          + printable(parsed.credentialService) + "'.");
    }
    if (!parsed.terminator.equals("aws4_request")) {
      throw new SigV4Exception(Reason.WRONG_SCOPE, "Credential should be scoped with a valid terminator: 'aws4_request', not '"
          + printable(parsed.terminator) + "'.");
    }
  }

  private static void checkSignedHeaders(Parsed parsed, SignedRequest request, boolean presigned) {
    List<String> signed = parsed.signedHeaders;
    if (!signed.contains("host")) {
      throw new SigV4Exception(Reason.UNSIGNED_HEADERS, "The host header must be signed");
    }
    if (!presigned) {
      String dateHeader = parsed.dateFromDateHeader ? "date" : "x-amz-date";
      if (!signed.contains(dateHeader)) {
        throw new SigV4Exception(Reason.UNSIGNED_HEADERS, "The " + dateHeader + " header must be signed");
      }
    }
    for (String name : signed) {
      if (request.values(name).isEmpty()) {
        throw new SigV4Exception(Reason.UNSIGNED_HEADERS, "Signed header '" + printable(name) + "' is not in the request");
      }
    }
    for (String name : request.names()) {
      if (name.startsWith("x-amz-") && !signed.contains(name)) {
        throw new SigV4Exception(Reason.UNSIGNED_HEADERS, "There were headers present in the request which were not signed: " + name);
      }
    }
  }

  private static <P> void checkToken(SigningCredential<P> credential, Optional<String> presented, Instant now) {
    Optional<String> expected = credential.sessionToken();
    if (expected.isPresent() != presented.isPresent()
        || (expected.isPresent() && !MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
            presented.get().getBytes(StandardCharsets.UTF_8)))) {
      throw new SigV4Exception(Reason.INVALID_TOKEN, "The security token included in the request is invalid.");
    }
    if (credential.expiresAt().isPresent() && !now.isBefore(credential.expiresAt().get())) {
      throw new SigV4Exception(Reason.EXPIRED_TOKEN, "The security token included in the request is expired");
    }
  }

  private static void checkSkew(String amzDate, Instant time, Instant now) {
    if (time.isBefore(now.minus(MAX_SKEW))) {
      throw new SigV4Exception(Reason.REQUEST_TIME_SKEWED, "Signature expired: " + amzDate + " is now earlier than "
          + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
    }
    if (time.isAfter(now.plus(MAX_SKEW))) {
      throw new SigV4Exception(Reason.REQUEST_TIME_SKEWED, "Signature not yet current: " + amzDate + " is still later than "
          + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
    }
  }

  /** {@code yyyyMMdd'T'HHmmss'Z'}, parsed by hand: a DateTimeFormatter here was a tenth of a request's cost. */
  private static Instant parseAmzDate(String amzDate) {
    if (amzDate.length() == 16 && amzDate.charAt(8) == 'T' && amzDate.charAt(15) == 'Z') {
      try {
        return java.time.LocalDateTime.of(digits(amzDate, 0, 4), digits(amzDate, 4, 6), digits(amzDate, 6, 8),
            digits(amzDate, 9, 11), digits(amzDate, 11, 13), digits(amzDate, 13, 15)).toInstant(ZoneOffset.UTC);
      } catch (java.time.DateTimeException | NumberFormatException e) {
        // refused below
      }
    }
    throw new SigV4Exception(Reason.MALFORMED, "X-Amz-Date must be in the ISO8601 basic format yyyyMMdd'T'HHmmss'Z'");
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(text);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static String fromHttpDate(String date) {
    try {
      return AMZ_DATE.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (DateTimeParseException e) {
      throw new SigV4Exception(Reason.MALFORMED, "The Date header must be an RFC 1123 date");
    }
  }

  /** The X-Amz-* query parameters, decoded, each with its first value; other parameters are not looked at here. */
  private static Map<String, String> authQueryParameters(RequestTarget target) {
    Map<String, String> params = new HashMap<>();
    for (Map.Entry<String, String> parameter : target.firstValues().entrySet()) {
      if (parameter.getKey().startsWith("X-Amz-")) {
        params.put(parameter.getKey(), parameter.getValue());
      }
    }
    return params;
  }

  private byte[] signingKey(String accessKeyId, String secret, String date) {
    String cacheKey = accessKeyId + '/' + date;
    CachedKey cached = signingKeys.get(cacheKey);
    if (cached != null && cached.secret().equals(secret)) {
      return cached.key();
    }
    byte[] key = Canonical.signingKey(secret, date, region, service);
    if (signingKeys.size() >= MAX_CACHED_KEYS) {
      signingKeys.clear();
    }
    signingKeys.put(cacheKey, new CachedKey(secret, key));
    return key;
  }

  private static String printable(String value) {
    String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
    return cut.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
