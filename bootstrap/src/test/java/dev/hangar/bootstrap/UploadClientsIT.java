package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.bootstrap.testing.Uploads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** The Java SDK's S3 client and boto3, with the leased credentials: PutObject and multipart, then READY. */
class UploadClientsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestHangar hangar;
  private static GameLiftClient gameLift;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    hangar = TestHangar.start(Clock.systemUTC());
    gameLift = Clients.gameLift(hangar.endpoint());
  }

  @AfterAll
  static void stop() {
    gameLift.close();
    hangar.close();
  }

  private Build readyBuild(Uploads upload, byte[] expected) {
    Build build = gameLift.describeBuild(b -> b.buildId(upload.buildId())).build();
    assertThat(build.statusAsString()).isEqualTo("READY");
    assertThat(build.sizeOnDisk()).isEqualTo(expected.length);
    try (S3Client api = Uploads.apiS3(hangar.endpoint())) {
      assertThat(api.getObjectAsBytes(b -> b.bucket(upload.location().bucket()).key(upload.location().key())).asByteArray())
          .isEqualTo(expected);
    }
    return build;
  }

  @Test
  void javaSdk_putObject_ready() {
    Uploads upload = Uploads.newBuild(gameLift, "java-put");
    byte[] zip = TestZips.gameServer();
    try (S3Client s3 = upload.s3(hangar.endpoint())) {
      s3.putObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key()), RequestBody.fromBytes(zip));
    }
    readyBuild(upload, zip);
  }

  @Test
  void javaSdk_multipartOutOfOrder_ready() throws Exception {
    Uploads upload = Uploads.newBuild(gameLift, "java-multipart");
    byte[] zip = TestZips.incompressible("server/game.pak", 12 * 1024 * 1024);
    int partSize = 5 * 1024 * 1024;
    try (S3Client s3 = upload.s3(hangar.endpoint())) {
      String bucket = upload.location().bucket();
      String key = upload.location().key();
      String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
      int parts = (zip.length + partSize - 1) / partSize;
      CompletedPart[] completed = new CompletedPart[parts];
      for (int n = parts; n >= 1; n--) {
        int from = (n - 1) * partSize;
        byte[] bytes = Arrays.copyOfRange(zip, from, Math.min(zip.length, from + partSize));
        int partNumber = n;
        UploadPartResponse response = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
            RequestBody.fromBytes(bytes));
        completed[n - 1] = CompletedPart.builder().partNumber(n).eTag(response.eTag()).build();
      }
      assertThat(s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts()).hasSize(parts);
      String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(completed))).eTag();
      assertThat(etag).endsWith("-" + parts + "\"");
    }
    readyBuild(upload, zip);
  }

  @Test
  void boto3_putObjectAndMultipart_ready() throws Exception {
    ExternalTools.requirePythonClients();
    byte[] small = TestZips.gameServer();
    byte[] big = TestZips.incompressible("server/game.pak", 16 * 1024 * 1024);
    for (Map.Entry<String, byte[]> mode : Map.of("put", small, "multipart", big).entrySet()) {
      Uploads upload = Uploads.newBuild(gameLift, "boto3-" + mode.getKey());
      Path file = dir.resolve(mode.getKey() + ".zip");
      Files.write(file, mode.getValue());
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("endpoint", hangar.endpoint().toString());
      spec.put("accessKeyId", upload.keys().accessKeyId());
      spec.put("secretAccessKey", upload.keys().secret());
      spec.put("sessionToken", upload.keys().token());
      spec.put("bucket", upload.location().bucket());
      spec.put("key", upload.location().key());
      spec.put("file", file.toString());
      spec.put("mode", mode.getKey());
      ExternalTools.Result result = ExternalTools.run(List.of("python3", ExternalTools.PYTHON_DIR.resolve("s3_upload.py").toString()),
          JSON.writeValueAsString(spec), Map.of(), 120);
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      JsonNode outcome = JSON.readTree(result.stdout());
      assertThat(outcome.get("ok").asBoolean()).as(result.stdout()).isTrue();
      readyBuild(upload, mode.getValue());
    }
  }
}
