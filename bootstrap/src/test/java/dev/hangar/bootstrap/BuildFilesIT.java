package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.TestHangar;
import dev.hangar.bootstrap.testing.Uploads;
import dev.hangar.domain.storage.UploadLimits;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.gamelift.model.InvalidRequestException;
import software.amazon.awssdk.services.gamelift.model.S3Location;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What becomes of uploaded files: READY or FAILED by the zip rules, limits, reuse through CreateBuild. */
class BuildFilesIT {
  private static final long MIB = 1024 * 1024;
  private static TestHangar hangar;
  private static GameLiftClient gameLift;

  @BeforeAll
  static void start() {
    hangar = TestHangar.start(TestConfigs.node().toBuilder().uploadLimits(new UploadLimits(5 * MIB, 8 * MIB, 12 * MIB)).build(),
        Clock.systemUTC());
    gameLift = Clients.gameLift(hangar.endpoint());
  }

  @AfterAll
  static void stop() {
    gameLift.close();
    hangar.close();
  }

  private Build upload(Uploads upload, byte[] content) {
    try (S3Client s3 = upload.s3(hangar.endpoint())) {
      s3.putObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key()), RequestBody.fromBytes(content));
    }
    return gameLift.describeBuild(b -> b.buildId(upload.buildId())).build();
  }

  @Test
  void putObject_notAZip_buildFailed() {
    Build build = upload(Uploads.newBuild(gameLift, "text"), "definitely not a zip".getBytes());
    assertThat(build.statusAsString()).isEqualTo("FAILED");
    assertThat(build.sizeOnDisk()).isEqualTo(20);
  }

  @Test
  void putObject_zipEscapingItsRoot_buildFailed() {
    assertThat(upload(Uploads.newBuild(gameLift, "dotdot"), TestZips.zip(Map.of("../outside.sh", "x"))).statusAsString()).isEqualTo("FAILED");
    assertThat(upload(Uploads.newBuild(gameLift, "absolute"), TestZips.zip(Map.of("/etc/passwd", "x"))).statusAsString()).isEqualTo("FAILED");
  }

  @Test
  void putObject_overTheObjectLimit_entityTooLargeBeforeTheBody() {
    Uploads upload = Uploads.newBuild(gameLift, "too-big");
    try (S3Client s3 = upload.s3(hangar.endpoint())) {
      assertThatThrownBy(() -> s3.putObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key()),
          RequestBody.fromBytes(new byte[(int) (8 * MIB + 1)])))
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooLarge");
          });
    }
    assertThat(gameLift.describeBuild(b -> b.buildId(upload.buildId())).build().statusAsString()).isEqualTo("INITIALIZED");
  }

  @Test
  void createBuild_storageLocationInHangarsBucket_takesTheObject() {
    Uploads original = Uploads.newBuild(gameLift, "original");
    byte[] zip = TestZips.gameServer();
    upload(original, zip);
    String version;
    try (S3Client api = Uploads.apiS3(hangar.endpoint())) {
      version = api.headObject(b -> b.bucket(original.location().bucket()).key(original.location().key())).versionId();
    }
    S3Location location = S3Location.builder().bucket(original.location().bucket()).key(original.location().key())
        .roleArn("arn:aws:iam::123456789012:role/GameLiftRead").objectVersion(version).build();
    var copy = gameLift.createBuild(b -> b.name("copy").storageLocation(location));
    assertThat(copy.uploadCredentials()).isNull();
    assertThat(copy.build().statusAsString()).isEqualTo("READY");
    assertThat(copy.build().sizeOnDisk()).isEqualTo(zip.length);
    assertThat(copy.storageLocation().key()).isEqualTo(original.location().key());

    assertThatThrownBy(() -> gameLift.createBuild(b -> b.storageLocation(location.toBuilder().objectVersion("no-such-version").build())))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no version");
    assertThatThrownBy(() -> gameLift.createBuild(b -> b.storageLocation(location.toBuilder().key("123456789012/missing").objectVersion(null).build())))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("No object");
    assertThatThrownBy(() -> gameLift.createBuild(b -> b.storageLocation(location.toBuilder().bucket("someone-elses-bucket").build())))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not served here");
  }
}
