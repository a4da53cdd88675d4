package dev.hangar.adapter.http;

import dev.hangar.adapter.http.sigv4.Canonical;
import dev.hangar.adapter.http.sigv4.CredentialResolver;
import dev.hangar.adapter.http.sigv4.SigV4Exception;
import dev.hangar.adapter.http.sigv4.SigV4Verifier;
import dev.hangar.adapter.http.sigv4.SigningCredential;
import dev.hangar.application.port.out.PrincipalDirectory;
import dev.hangar.domain.build.AccountId;
import io.undertow.server.HttpServerExchange;

/**
 * Authenticates GameLift calls as AWS does: SigV4 with the caller's long-term keys, scope
 * {@code <date>/<region>/gamelift/aws4_request}, the payload hash computed from the body bytes received.
 * Upload credentials are not principals, so they are unknown here. Refusals carry the codes the AWS front
 * end gives a JSON service.
 */
public final class SigV4CallerResolver implements CallerResolver {
  public static final String SERVICE = "gamelift";

  private final SigV4Verifier verifier;
  private final CredentialResolver<AccountId> credentials;

  public SigV4CallerResolver(SigV4Verifier verifier, PrincipalDirectory principals) {
    this.verifier = verifier;
    this.credentials = (accessKeyId, sessionToken) -> principals.findByAccessKeyId(accessKeyId)
        .map(principal -> SigningCredential.longTerm(principal.secretAccessKey(), principal.account()));
  }

  @Override
  public Caller resolve(HttpServerExchange exchange, byte[] body) {
    try {
      return new Caller(verifier.verify(UndertowRequests.signed(exchange), Canonical.sha256Hex(body), credentials).principal());
    } catch (SigV4Exception refusal) {
      dev.hangar.adapter.http.observe.RequestFacts.authRefused(exchange, refusal.reason().name());
      throw new GameLiftFailure(errorFor(refusal.reason()), refusal.getMessage());
    }
  }

  static GameLiftError errorFor(SigV4Exception.Reason reason) {
    return switch (reason) {
      case MISSING_AUTHENTICATION -> GameLiftError.MISSING_AUTHENTICATION_TOKEN;
      case MALFORMED -> GameLiftError.INCOMPLETE_SIGNATURE;
      case UNKNOWN_ACCESS_KEY, INVALID_TOKEN -> GameLiftError.UNRECOGNIZED_CLIENT;
      case EXPIRED_TOKEN -> GameLiftError.EXPIRED_TOKEN;
      case WRONG_REGION, WRONG_SCOPE, REQUEST_TIME_SKEWED, PRESIGNED_EXPIRED, UNSIGNED_HEADERS, SIGNATURE_MISMATCH ->
          GameLiftError.INVALID_SIGNATURE;
    };
  }
}
