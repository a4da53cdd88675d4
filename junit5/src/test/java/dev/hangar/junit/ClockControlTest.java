package dev.hangar.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Moving the node's clock expires upload credentials without waiting. Runs in a JVM of its own (the module's
 * {@code clock} surefire execution): past the 15-minute SigV4 window, the Java SDK corrects its clock JVM-wide.
 */
class ClockControlTest {
  @RegisterExtension
  static final HangarExtension hangar = HangarExtension.builder().credentialLifetime(Duration.ofMinutes(15)).build();

  @Test
  void advancingTheClockPastTheLeaseExpiresIt() {
    try (GameLiftClient gameLift = Sdk.gameLift(hangar, hangar.keys())) {
      CreateBuildResponse created = gameLift.createBuild(b -> b.name("late"));
      assertThat(created.uploadCredentials()).isNotNull();
      hangar.clock().advance(Duration.ofMinutes(16));
      assertThat(hangar.clock().offset()).isEqualTo(Duration.ofMinutes(16));
      try (S3Client s3 = Sdk.s3(hangar, created.uploadCredentials())) {
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(created.storageLocation().bucket())
            .key(created.storageLocation().key()), RequestBody.fromBytes(Sdk.zip())))
            .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).as(e.toString()).isEqualTo("ExpiredToken"));
      }
      // The node's time is the clock's: new credentials work again (the SDK has corrected its own clock by now).
      CreateBuildResponse again = gameLift.createBuild(b -> b.name("on-time"));
      try (S3Client s3 = Sdk.s3(hangar, again.uploadCredentials())) {
        s3.putObject(b -> b.bucket(again.storageLocation().bucket()).key(again.storageLocation().key()), RequestBody.fromBytes(Sdk.zip()));
      }
      assertThat(gameLift.describeBuild(b -> b.buildId(again.build().buildId())).build().status()).isEqualTo(BuildStatus.READY);
    }
  }
}
