package dev.hangar.adapter.http.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.storage.MultipartUpload.RequestedPart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3XmlTest {
  @TempDir
  Path dir;

  private static byte[] xml(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parseComplete_botocoreDocument_partsInOrder() {
    assertThat(S3Xml.parseComplete(xml("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + "<Part><ETag>\"aa\"</ETag><PartNumber>1</PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>"
        + "<Part><ETag>\"bb\"</ETag><PartNumber>2</PartNumber></Part></CompleteMultipartUpload>")))
        .containsExactly(new RequestedPart(1, "\"aa\""), new RequestedPart(2, "\"bb\""));
  }

  @Test
  void parseComplete_externalEntity_refusedWithoutReadingTheFile() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "top secret");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
        + "<CompleteMultipartUpload><Part><ETag>&x;</ETag><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>";
    assertThatThrownBy(() -> S3Xml.parseComplete(xml(xxe))).isInstanceOfSatisfying(S3Failure.class, e -> {
      assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML);
      assertThat(e.getMessage()).doesNotContain("top secret");
    });
  }

  @Test
  void parseComplete_entityExpansion_refused() {
    String bomb = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        + "<CompleteMultipartUpload><Part><ETag>&b;</ETag><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>";
    assertThatThrownBy(() -> S3Xml.parseComplete(xml(bomb))).isInstanceOf(S3Failure.class);
  }

  @Test
  void parseComplete_malformedOrEmpty_refused() {
    for (String bad : new String[] {"", "<CompleteMultipartUpload>", "<Other/>", "<CompleteMultipartUpload></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><ETag>e</ETag></Part></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Bogus/></CompleteMultipartUpload>"}) {
      assertThatThrownBy(() -> S3Xml.parseComplete(xml(bad))).as(bad)
          .isInstanceOfSatisfying(S3Failure.class, e -> assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML));
    }
  }

  @Test
  void error_escapesTextAndAddsElements() {
    String xml = S3Xml.error(S3Error.AUTHORIZATION_HEADER_MALFORMED, "a <b> & c", "rid", java.util.Map.of("Region", "us-west-2"));
    assertThat(xml).contains("<Code>AuthorizationHeaderMalformed</Code>").contains("a &lt;b&gt; &amp; c")
        .contains("<Region>us-west-2</Region>").contains("<RequestId>rid</RequestId>");
  }
}
