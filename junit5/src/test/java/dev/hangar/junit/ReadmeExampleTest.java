package dev.hangar.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;

/** The README's example, line for line: if it stops compiling or passing, the README is wrong. */
class ReadmeExampleTest {
  @RegisterExtension static final HangarExtension hangar = HangarExtension.builder().freshAccountPerTest().build();

  @Test void createsABuild() {
    HangarKeys keys = hangar.keys();
    try (GameLiftClient gameLift = GameLiftClient.builder().endpointOverride(hangar.endpoint()).region(Region.of(hangar.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()))).build()) {
      assertThat(gameLift.createBuild(b -> b.name("my-server")).build().status()).isEqualTo(BuildStatus.INITIALIZED);
    }
  }
}
