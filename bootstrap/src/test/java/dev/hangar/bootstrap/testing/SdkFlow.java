package dev.hangar.bootstrap.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.groups.Tuple;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.gamelift.model.NotFoundException;
import software.amazon.awssdk.services.gamelift.model.OperatingSystem;
import software.amazon.awssdk.services.gamelift.model.RequestUploadCredentialsResponse;
import software.amazon.awssdk.services.gamelift.model.Tag;

/**
 * The foundation's whole build flow through the AWS SDK for Java v2 GameLift client: create, request credentials,
 * describe by id and by ARN, list with the paginator, update, tag, list tags, untag, delete, then NotFound. Run on
 * the memory backend ({@code JavaSdkFlowIT}) and on the AWS backend ({@code AwsBackendIT}).
 */
public final class SdkFlow {
  private SdkFlow() {
  }

  /**
   * @param ours which listed builds this flow answers for: every build on a node of its own; on a catalog that other
   *     tests share, the builds named {@code prefix…}. The listing of those is exact.
   */
  public static void buildLifecycle(GameLiftClient gameLift, String prefix, Predicate<Build> ours) {
    CreateBuildResponse created = gameLift.createBuild(b -> b.name(prefix + "space-game").version("1.0.0")
        .operatingSystem(OperatingSystem.AMAZON_LINUX_2023).tags(Tag.builder().key("team").value("core").build()));
    Build build = created.build();
    assertThat(build.buildId()).matches("build-[0-9a-f-]{36}");
    assertThat(build.buildArn()).isEqualTo("arn:aws:gamelift:us-west-2::build/" + build.buildId());
    assertThat(build.status()).isEqualTo(BuildStatus.INITIALIZED);
    assertThat(build.sizeOnDisk()).isZero();
    assertThat(build.serverSdkVersion()).isEqualTo("4.0.2");
    assertThat(build.creationTime()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));

    RequestUploadCredentialsResponse upload = gameLift.requestUploadCredentials(b -> b.buildId(build.buildId()));
    assertThat(upload.uploadCredentials().accessKeyId()).startsWith("ASIA");
    assertThat(upload.storageLocation().key()).isEqualTo(created.storageLocation().key());

    assertThat(gameLift.describeBuild(b -> b.buildId(build.buildId())).build()).isEqualTo(build);
    assertThat(gameLift.describeBuild(b -> b.buildId(build.buildArn())).build()).isEqualTo(build);

    List<String> others = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      others.add(gameLift.createBuild(b -> b.name(prefix + "other")).build().buildId());
    }
    List<String> listed = new ArrayList<>();
    int[] pages = {0};
    gameLift.listBuildsPaginator(b -> b.limit(3)).stream().forEach(page -> {
      pages[0]++;
      page.builds().stream().filter(ours).forEach(b -> listed.add(b.buildId()));
    });
    assertThat(pages[0]).isGreaterThanOrEqualTo(3);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(concat(build.buildId(), others));

    Build updated = gameLift.updateBuild(b -> b.buildId(build.buildArn()).name(prefix + "space-game-2")).build();
    assertThat(updated.name()).isEqualTo(prefix + "space-game-2");
    assertThat(updated.version()).isEqualTo("1.0.0");

    gameLift.tagResource(b -> b.resourceARN(build.buildArn()).tags(Tag.builder().key("stage").value("beta").build()));
    assertThat(gameLift.listTagsForResource(b -> b.resourceARN(build.buildArn())).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(Tuple.tuple("team", "core"), Tuple.tuple("stage", "beta"));
    gameLift.untagResource(b -> b.resourceARN(build.buildArn()).tagKeys("team"));
    assertThat(gameLift.listTagsForResource(b -> b.resourceARN(build.buildArn())).tags()).extracting(Tag::key).containsExactly("stage");

    gameLift.deleteBuild(b -> b.buildId(build.buildId()));
    assertThatThrownBy(() -> gameLift.describeBuild(b -> b.buildId(build.buildId())))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Build " + build.buildId() + " does not exist.");
          assertThat(e.requestId()).isNotBlank();
        });
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
