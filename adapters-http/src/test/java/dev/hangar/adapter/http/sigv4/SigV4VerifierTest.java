package dev.hangar.adapter.http.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.adapter.http.sigv4.SigV4Exception.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Edge cases beyond the official suite. */
class SigV4VerifierTest {
  private static final Clock AT = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
  private final SigV4Verifier verifier = new SigV4Verifier("us-east-1", "service", true, AT);
  private final CredentialResolver<String> resolver = (key, token) -> Optional.of(SigningCredential.longTerm("secret-value", "p"));

  private SignedRequest request(String query, String amzDate) {
    return new SignedRequest("GET", "/", query, List.of(new SignedRequest.Header("Host", "example.amazonaws.com"),
        new SignedRequest.Header("X-Amz-Date", amzDate),
        new SignedRequest.Header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))));
  }

  @Test
  void verify_percentEncodedAlgorithmParameterBesideAHeader_bothMechanismsRefused() {
    assertThatThrownBy(() -> verifier.verify(request("X-Amz%2DAlgorithm=AWS4-HMAC-SHA256", "20150830T123600Z"),
        Canonical.EMPTY_SHA256, resolver))
        .isInstanceOfSatisfying(SigV4Exception.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
          assertThat(e.getMessage()).contains("Only one auth mechanism");
        });
  }

  @Test
  void verify_impossibleDate_malformed() {
    for (String date : new String[] {"20150230T123600Z", "20150830T126000Z", "2015-08-30T12:36:00Z", "20150830T1236Z"}) {
      assertThatThrownBy(() -> verifier.verify(request("", date), Canonical.EMPTY_SHA256, resolver)).as(date)
          .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.WRONG_SCOPE));
    }
  }

  @Test
  void verify_wrongSignature_mismatchWithoutEchoingIt() {
    assertThatThrownBy(() -> verifier.verify(request("", "20150830T123600Z"), Canonical.EMPTY_SHA256, resolver))
        .isInstanceOfSatisfying(SigV4Exception.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
          assertThat(e.getMessage()).doesNotContain("0000000000").doesNotContain("secret-value");
        });
  }
}
