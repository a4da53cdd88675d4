package dev.hangar.adapter.http.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one parser of request targets: what every route and the SigV4 verifier read from a path and a query. */
class RequestTargetTest {
  @Test
  void of_originForm_pathAsSentNeverDecoded() {
    RequestTarget target = RequestTarget.of("/hangar-builds/123456789012/a%2Fb%20c", null);

    assertThat(target.rawPath()).isEqualTo("/hangar-builds/123456789012/a%2Fb%20c");
    assertThat(target.rawQuery()).isEmpty();
    assertThat(target.parameters()).isEmpty();
  }

  @Test
  void of_absoluteForm_keepsOnlyThePath() {
    assertThat(RequestTarget.of("http://127.0.0.1:8088/service/GameLift/operation/ListBuilds", "").rawPath())
        .isEqualTo("/service/GameLift/operation/ListBuilds");
    assertThat(RequestTarget.of("http://127.0.0.1:8088", "").rawPath()).isEqualTo("/");
  }

  @Test
  void parameters_splitOnAmpersandAndFirstEquals_decodedInOrder() {
    RequestTarget target = RequestTarget.of("/b/k", "uploadId=a%2Bb+c&&partNumber=2&x=1=2&flag&X-Amz%2DAlgorithm=AWS4-HMAC-SHA256&partNumber=3");

    assertThat(target.parameters()).containsExactly(
        new RequestTarget.Parameter("uploadId", "a+b+c"),
        new RequestTarget.Parameter("partNumber", "2"),
        new RequestTarget.Parameter("x", "1=2"),
        new RequestTarget.Parameter("flag", ""),
        new RequestTarget.Parameter("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
        new RequestTarget.Parameter("partNumber", "3"));
    assertThat(target.firstValues()).containsExactlyInAnyOrderEntriesOf(Map.of("uploadId", "a+b+c", "partNumber", "2", "x", "1=2",
        "flag", "", "X-Amz-Algorithm", "AWS4-HMAC-SHA256"));
  }

  @Test
  void percentDecode_utf8AndBrokenEscapes() {
    assertThat(RequestTarget.percentDecode("caf%C3%A9")).isEqualTo("café");
    assertThat(RequestTarget.percentDecode("100%")).isEqualTo("100%");
    assertThat(RequestTarget.percentDecode("%zz%4")).isEqualTo("%zz%4");
    assertThat(RequestTarget.percentDecode("%41")).isEqualTo("A");
    assertThat(List.of(RequestTarget.percentDecode("a+b"))).containsExactly("a+b");
  }
}
