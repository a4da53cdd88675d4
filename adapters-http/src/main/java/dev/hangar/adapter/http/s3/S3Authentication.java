package dev.hangar.adapter.http.s3;

import dev.hangar.adapter.http.UndertowRequests;
import dev.hangar.adapter.http.sigv4.Canonical;
import dev.hangar.adapter.http.sigv4.CredentialResolver;
import dev.hangar.adapter.http.sigv4.SigV4Exception;
import dev.hangar.adapter.http.sigv4.SigV4Verifier;
import dev.hangar.adapter.http.sigv4.SignedRequest;
import dev.hangar.adapter.http.sigv4.SigningCredential;
import dev.hangar.adapter.http.sigv4.Verified;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.application.port.out.PrincipalDirectory;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.credential.CredentialLease;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Locale;
import java.util.Optional;

/**
 * Who an S3 request comes from, and what they may do: every request is SigV4-verified (a lease's temporary
 * keys or an account's API keys) before its body is touched; uploads need a lease, and a lease may not set
 * ACLs, tags, a copy source or the like; reads need an account's keys.
 */
final class S3Authentication {
  static final HttpString CONTENT_SHA256 = new HttpString("x-amz-content-sha256");
  private static final String[] FORBIDDEN_HEADER_PREFIXES = {"x-amz-acl", "x-amz-grant-", "x-amz-tagging", "x-amz-copy-source",
      "x-amz-object-lock-", "x-amz-website-redirect-location"};

  /** Checks a request's signature against the payload hash it declares; SigV4 in production, a fixed identity in tests. */
  interface Signatures {
    Verified<S3Identity> verify(SignedRequest request, String payloadHash);
  }

  private final Signatures signatures;

  S3Authentication(Signatures signatures) {
    this.signatures = signatures;
  }

  /**
   * SigV4 (service {@code s3}): a key presented with a session token is a lease's, opened from the token (an
   * account's key with a token is refused by the verifier, as a token where none belongs); a token that is not a
   * lease this node sealed for that key is S3's InvalidToken. A key without a token is an account's.
   */
  static S3Authentication sigV4(SigV4Verifier verifier, LeaseLookup leases, PrincipalDirectory principals) {
    CredentialResolver<S3Identity> credentials = (accessKeyId, sessionToken) -> {
      Optional<SigningCredential<S3Identity>> principal = principals.findByAccessKeyId(accessKeyId)
          .map(found -> SigningCredential.longTerm(found.secretAccessKey(), new S3Identity.Account(found.account())));
      if (sessionToken.isEmpty() || principal.isPresent()) {
        return principal;
      }
      CredentialLease lease = leases.open(accessKeyId, sessionToken.get())
          .orElseThrow(() -> new SigV4Exception(SigV4Exception.Reason.INVALID_TOKEN, "The provided token is malformed or otherwise invalid."));
      return Optional.of(SigningCredential.temporary(lease.secretAccessKey(), lease.sessionToken(), lease.expiresAt(),
          new S3Identity.Lease(lease)));
    };
    return new S3Authentication((request, payloadHash) -> verifier.verify(request, payloadHash, credentials));
  }

  Verified<S3Identity> verify(HttpServerExchange exchange, S3Request request) {
    String contentSha256 = exchange.getRequestHeaders().getFirst(CONTENT_SHA256);
    if (!request.presigned() && contentSha256 == null && exchange.getRequestHeaders().contains(Headers.AUTHORIZATION)) {
      throw new S3Failure(S3Error.INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256");
    }
    return signatures.verify(UndertowRequests.signed(exchange),
        request.presigned() ? "UNSIGNED-PAYLOAD" : contentSha256 == null ? Canonical.EMPTY_SHA256 : contentSha256);
  }

  /** The lease an upload is made with; an account's keys, and the headers S3 would act on beyond the upload, are refused. */
  static CredentialLease lease(S3Identity identity, HttpServerExchange exchange) {
    if (!(identity instanceof S3Identity.Lease lease)) {
      throw new S3Failure(S3Error.ACCESS_DENIED, "Access Denied: uploads are made with the credentials that RequestUploadCredentials returns");
    }
    for (HeaderValues header : exchange.getRequestHeaders()) {
      String name = header.getHeaderName().toString().toLowerCase(Locale.ROOT);
      for (String prefix : FORBIDDEN_HEADER_PREFIXES) {
        if (name.startsWith(prefix)) {
          throw new S3Failure(S3Error.ACCESS_DENIED, "Access Denied: the " + name + " header is not allowed with upload credentials");
        }
      }
    }
    return lease.lease();
  }

  /** The account that reads; a lease may not read, not even its own object. */
  static AccountId account(S3Identity identity) {
    if (!(identity instanceof S3Identity.Account account)) {
      throw new S3Failure(S3Error.ACCESS_DENIED);
    }
    return account.account();
  }
}
