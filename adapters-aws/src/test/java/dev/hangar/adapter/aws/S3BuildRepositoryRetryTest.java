package dev.hangar.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.storage.BucketName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The catalog's retry on a lost race, on an S3 that answers what the test tells it to. */
class S3BuildRepositoryRetryTest {
  /** One catalog object, and the status each conditional write is answered with, in order (200 = written). */
  private static final class ScriptedS3 implements S3Client {
    final List<PutObjectRequest> puts = new ArrayList<>();
    final List<Integer> answers;
    String body;
    int version;

    ScriptedS3(Build stored, List<Integer> answers) {
      this.body = BuildRecords.write(stored);
      this.answers = new ArrayList<>(answers);
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
      GetObjectResponse response = GetObjectResponse.builder().eTag("\"v" + version + "\"").build();
      try {
        return transformer.transform(response, AbortableInputStream.create(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody content) {
      puts.add(request);
      int status = answers.isEmpty() ? 200 : answers.remove(0);
      if (status != 200) {
        // Another node's write landed first: the object moved on.
        version++;
        throw (S3Exception) S3Exception.builder().statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(status == 409 ? "ConditionalRequestConflict" : "PreconditionFailed").build())
            .build();
      }
      try (var in = content.contentStreamProvider().newStream()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      version++;
      return PutObjectResponse.builder().eTag("\"v" + version + "\"").build();
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {
    }
  }

  private final Build stored = TestBuilds.newBuild(TestBuilds.freshAccount());

  private Optional<Build> rename(ScriptedS3 s3) {
    return new S3BuildRepository(s3, new BucketName("catalog-bucket"), "catalog.")
        .update(stored.owner(), stored.id(), b -> b.describeAs(Optional.of(new FreeText("renamed")), Optional.empty()));
  }

  @Test
  void update_conditionalRequestConflictThenPreconditionFailed_retriedWithTheNewEtag() {
    ScriptedS3 s3 = new ScriptedS3(stored, List.of(409, 412));
    assertThat(rename(s3)).map(Build::name).contains(Optional.of(new FreeText("renamed")));
    assertThat(s3.puts).extracting(PutObjectRequest::ifMatch).containsExactly("\"v0\"", "\"v1\"", "\"v2\"");
    assertThat(BuildRecords.read(s3.body).name()).contains(new FreeText("renamed"));
  }

  @Test
  void update_anotherError_notRetried() {
    ScriptedS3 s3 = new ScriptedS3(stored, List.of(500));
    assertThatThrownBy(() -> rename(s3)).isInstanceOf(DependencyFailureException.class);
    assertThat(s3.puts).hasSize(1);
  }

  @Test
  void update_endlessContention_givesUpAfterItsBound() {
    List<Integer> always = new ArrayList<>();
    for (int i = 0; i < S3BuildRepository.MAX_ATTEMPTS; i++) {
      always.add(412);
    }
    ScriptedS3 s3 = new ScriptedS3(stored, always);
    assertThatThrownBy(() -> rename(s3)).isInstanceOf(DependencyFailureException.class).hasMessageContaining("changed");
    assertThat(s3.puts).hasSize(S3BuildRepository.MAX_ATTEMPTS);
  }

  @Test
  void records_roundTripEveryField() {
    Build rich = stored.tag(List.of(new dev.hangar.domain.build.Tag("team", "core"), new dev.hangar.domain.build.Tag("ünï=cødé", "")))
        .acceptFiles(new dev.hangar.domain.storage.StoredObject(1234, "\"etag\"", "v-1", java.time.Instant.parse("2030-01-01T00:00:00Z")), dev.hangar.domain.build.BuildArchive.Verdict.USABLE);
    assertThat(BuildRecords.read(BuildRecords.write(rich))).isEqualTo(rich);
  }
}
