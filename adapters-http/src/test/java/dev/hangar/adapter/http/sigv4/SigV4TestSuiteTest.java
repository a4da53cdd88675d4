package dev.hangar.adapter.http.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.adapter.http.sigv4.SigV4Exception.Reason;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official SigV4 test suite (aws-c-auth's {@code v4} vectors, copied verbatim into the test resources
 * with their licence): every signed request, parsed from its request file into method, raw path, raw query,
 * headers and body, goes through the verifier. The expected canonical requests are never an input.
 */
class SigV4TestSuiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_ADDED_AFTER_SIGNING = "post-sts-header-after";

  record Vector(String name, String variant, JsonNode context, ParsedRequest request) {
    @Override
    public String toString() {
      return name + " (" + variant + ")";
    }
  }

  record ParsedRequest(String method, String rawPath, String rawQuery, List<SignedRequest.Header> headers, byte[] body) {
    SignedRequest signed() {
      return new SignedRequest(method, rawPath, rawQuery, headers);
    }

    ParsedRequest withHeaders(UnaryOperator<List<SignedRequest.Header>> change) {
      return new ParsedRequest(method, rawPath, rawQuery, change.apply(new ArrayList<>(headers)), body);
    }
  }

  static Path suite() {
    try {
      return Path.of(SigV4TestSuiteTest.class.getResource("/sigv4/v4").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Vector> vectors() throws IOException {
    List<Vector> vectors = new ArrayList<>();
    try (Stream<Path> cases = Files.list(suite())) {
      for (Path dir : cases.sorted().toList()) {
        JsonNode context = JSON.readTree(dir.resolve("context.json").toFile());
        for (String variant : new String[] {"header", "query"}) {
          vectors.add(new Vector(dir.getFileName().toString(), variant, context,
              parse(Files.readAllBytes(dir.resolve(variant + "-signed-request.txt")))));
        }
      }
    }
    return vectors.stream();
  }

  /** An HTTP/1.1 request as the suite writes it: LF line ends, "Name:value" headers, folded continuation lines. */
  static ParsedRequest parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int headerEnd = text.indexOf("\n\n");
    String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
    byte[] body = headerEnd < 0 ? new byte[0]
        : Arrays.copyOfRange(raw, head.getBytes(StandardCharsets.UTF_8).length + 2, raw.length);
    String[] lines = head.split("\n");
    String requestLine = lines[0];
    String method = requestLine.substring(0, requestLine.indexOf(' '));
    String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
    int question = target.indexOf('?');
    String rawPath = question < 0 ? target : target.substring(0, question);
    String rawQuery = question < 0 ? "" : target.substring(question + 1);
    List<SignedRequest.Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (!line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
        SignedRequest.Header last = headers.remove(headers.size() - 1);
        headers.add(new SignedRequest.Header(last.name(), last.value() + " " + line.trim()));
      } else {
        int colon = line.indexOf(':');
        headers.add(new SignedRequest.Header(line.substring(0, colon), line.substring(colon + 1)));
      }
    }
    return new ParsedRequest(method, rawPath, rawQuery, headers, body);
  }

  static Verified<String> verify(Vector vector, ParsedRequest request) {
    JsonNode context = vector.context();
    Clock clock = Clock.fixed(Instant.parse(context.get("timestamp").asText()), ZoneOffset.UTC);
    SigV4Verifier verifier = new SigV4Verifier(context.get("region").asText(), context.get("service").asText(),
        context.get("normalize").asBoolean(), clock);
    JsonNode credentials = context.get("credentials");
    String accessKeyId = credentials.get("access_key_id").asText();
    String secret = credentials.get("secret_access_key").asText();
    CredentialResolver<String> resolver = (key, token) -> !key.equals(accessKeyId) ? Optional.empty()
        : Optional.of(credentials.has("token")
            ? SigningCredential.temporary(secret, credentials.get("token").asText(), clock.instant().plusSeconds(3600), "suite")
            : SigningCredential.longTerm(secret, "suite"));
    return verifier.verify(request.signed(), Canonical.sha256Hex(request.body()), resolver);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_suiteVector_acceptedUnlessTokenAddedAfterSigning(Vector vector) {
    if (vector.name().equals(TOKEN_ADDED_AFTER_SIGNING)) {
      assertThatThrownBy(() -> verify(vector, vector.request())).isInstanceOfSatisfying(SigV4Exception.class,
          e -> assertThat(e.reason()).isIn(Reason.UNSIGNED_HEADERS, Reason.SIGNATURE_MISMATCH));
    } else {
      assertThat(verify(vector, vector.request()).principal()).isEqualTo("suite");
    }
  }

  @Test
  void suite_has76Signatures_74Accepted() throws IOException {
    List<Vector> all = vectors().toList();
    long accepted = all.stream().filter(v -> {
      try {
        verify(v, v.request());
        return true;
      } catch (SigV4Exception e) {
        return false;
      }
    }).count();
    assertThat(all).hasSize(76);
    assertThat(accepted).isEqualTo(74);
  }

  static Stream<Arguments> tamperings() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (Vector vector : vectors().filter(v -> !v.name().equals(TOKEN_ADDED_AFTER_SIGNING)).toList()) {
      ParsedRequest r = vector.request();
      out.add(Arguments.of(vector, "host header", r.withHeaders(headers -> replaceHeader(headers, "host", v -> v.replace("example", "exbmple")))));
      out.add(Arguments.of(vector, "method", new ParsedRequest(r.method().equals("GET") ? "PUT" : "GET", r.rawPath(), r.rawQuery(), r.headers(), r.body())));
      String tamperedPath = r.rawPath().replaceFirst("[a-z]", "Q");
      boolean normalize = vector.context().get("normalize").asBoolean();
      // Only a change that survives normalisation is a signed change ("/example/.." and "/Qxample/.." are both "/").
      if (!Canonical.canonicalUri(tamperedPath, normalize).equals(Canonical.canonicalUri(r.rawPath(), normalize))) {
        out.add(Arguments.of(vector, "path", new ParsedRequest(r.method(), tamperedPath, r.rawQuery(), r.headers(), r.body())));
      }
      String nonAuthQuery = Arrays.stream(r.rawQuery().split("&")).filter(p -> !p.isEmpty() && !p.startsWith("X-Amz-")).findFirst().orElse(null);
      if (nonAuthQuery != null) {
        out.add(Arguments.of(vector, "query parameter", new ParsedRequest(r.method(), r.rawPath(),
            r.rawQuery().replace(nonAuthQuery, nonAuthQuery + "x"), r.headers(), r.body())));
      }
      if (r.body().length > 0) {
        byte[] body = r.body().clone();
        body[0] ^= 0x01;
        out.add(Arguments.of(vector, "body", new ParsedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(), body)));
      }
      r.headers().stream().map(h -> h.name().toLowerCase(java.util.Locale.ROOT))
          .filter(name -> name.startsWith("my-header") || name.equals("content-type")).findFirst()
          .ifPresent(name -> out.add(Arguments.of(vector, "signed header " + name,
              r.withHeaders(headers -> replaceHeader(headers, name, v -> v + "x")))));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("tamperings")
  void verify_tamperedSignedByte_refused(Vector vector, String what, ParsedRequest tampered) {
    Optional<Boolean> signedInVariant = Optional.of(!what.startsWith("signed header") || vector.variant().equals("header")
        || vector.request().rawQuery().contains(what.substring("signed header ".length())));
    if (!signedInVariant.get()) {
      // In the query variant only the headers listed in X-Amz-SignedHeaders are signed: an unsigned header may change.
      assertThat(verify(vector, tampered).principal()).isEqualTo("suite");
      return;
    }
    assertThatThrownBy(() -> verify(vector, tampered)).isInstanceOfSatisfying(SigV4Exception.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
  }

  private static List<SignedRequest.Header> replaceHeader(List<SignedRequest.Header> headers, String name, UnaryOperator<String> change) {
    List<SignedRequest.Header> out = new ArrayList<>();
    for (SignedRequest.Header header : headers) {
      out.add(header.name().equalsIgnoreCase(name) ? new SignedRequest.Header(header.name(), change.apply(header.value())) : header);
    }
    return out;
  }
}
