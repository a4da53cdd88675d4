package dev.hangar.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The extension's node with a fresh account per test method: the Java SDK's whole flow works with the keys it
 * hands out, and each method starts from an empty account whatever the others created.
 */
class FreshAccountsTest {
  @RegisterExtension
  static final HangarExtension hangar = HangarExtension.builder().freshAccountPerTest().build();

  private static final Set<String> ACCOUNTS_SEEN = ConcurrentHashMap.newKeySet();

  @Test
  void javaSdkFlow_createUploadReady() {
    HangarKeys keys = hangar.keys();
    ACCOUNTS_SEEN.add(keys.accountId());
    try (GameLiftClient gameLift = Sdk.gameLift(hangar, keys)) {
      assertThat(gameLift.listBuilds(b -> b.limit(10)).builds()).isEmpty();
      CreateBuildResponse created = gameLift.createBuild(b -> b.name("flow").version("1.0").operatingSystem("AMAZON_LINUX_2"));
      assertThat(created.build().status()).isEqualTo(BuildStatus.INITIALIZED);
      assertThat(created.storageLocation().key()).startsWith(keys.accountId() + "/");
      byte[] zip = Sdk.zip();
      try (S3Client s3 = Sdk.s3(hangar, created.uploadCredentials())) {
        s3.putObject(b -> b.bucket(created.storageLocation().bucket()).key(created.storageLocation().key()), RequestBody.fromBytes(zip));
      }
      Build build = gameLift.describeBuild(b -> b.buildId(created.build().buildId())).build();
      assertThat(build.status()).isEqualTo(BuildStatus.READY);
      assertThat(build.sizeOnDisk()).isEqualTo(zip.length);
    }
  }

  /** Each repetition creates a build in its account; none of them sees a build of another method or repetition. */
  @RepeatedTest(3)
  void eachMethodStartsFromAnEmptyAccount() {
    HangarKeys keys = hangar.keys();
    assertThat(ACCOUNTS_SEEN.add(keys.accountId())).as("a new account for each method").isTrue();
    try (GameLiftClient gameLift = Sdk.gameLift(hangar, keys)) {
      assertThat(gameLift.listBuilds(b -> b.limit(10)).builds()).isEmpty();
      String id = gameLift.createBuild(b -> b.name("mine")).build().buildId();
      assertThat(gameLift.listBuilds(b -> b.limit(10)).builds()).extracting(Build::buildId).containsExactly(id);
    }
  }

  @Test
  void newAccount_isAnotherAccountOnTheSameNode() {
    HangarKeys mine = hangar.keys();
    HangarKeys other = hangar.newAccount();
    assertThat(other.accountId()).isNotEqualTo(mine.accountId());
    try (GameLiftClient alice = Sdk.gameLift(hangar, mine); GameLiftClient bob = Sdk.gameLift(hangar, other)) {
      String id = bob.createBuild(b -> b.name("bobs")).build().buildId();
      assertThat(alice.listBuilds(b -> b.limit(10)).builds()).isEmpty();
      assertThat(bob.listBuilds(b -> b.limit(10)).builds()).extracting(Build::buildId).containsExactly(id);
    }
    assertThat(other.toString()).doesNotContain(other.secretAccessKey());
  }

  @AfterAll
  static void everyMethodHadItsOwnAccount() {
    assertThat(ACCOUNTS_SEEN).hasSize(4);
  }
}
