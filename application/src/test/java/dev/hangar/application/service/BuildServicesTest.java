package dev.hangar.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.FakeCredentialIssuer;
import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.port.in.BuildNotFoundException;
import dev.hangar.application.port.in.DeleteBuildCommand;
import dev.hangar.application.port.in.DescribeBuildQuery;
import dev.hangar.application.port.in.ListTagsForResourceQuery;
import dev.hangar.application.port.in.RequestUploadCredentialsCommand;
import dev.hangar.application.port.in.RequestUploadCredentialsResult;
import dev.hangar.application.port.in.TagResourceCommand;
import dev.hangar.application.port.in.UntagResourceCommand;
import dev.hangar.application.port.in.UpdateBuildCommand;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildReference;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.Tag;
import dev.hangar.domain.failure.StateConflictException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Describe, update, delete, credentials and tags: each through the id and the ARN, and each for a stranger. */
class BuildServicesTest {
  private final ServiceFixture f = new ServiceFixture();

  @Test
  void describeBuild_byIdAndByArn_sameBuild() {
    Build build = f.createBuild();
    assertThat(f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byId(build)))).isEqualTo(build);
    assertThat(f.describe.describeBuild(new DescribeBuildQuery(f.caller, f.byArn(build)))).isEqualTo(build);
  }

  @Test
  void describeBuild_otherAccount_notFoundLikeNeverExisted() {
    Build build = f.createBuild();
    DescribeBuildQuery stranger = new DescribeBuildQuery(TestBuilds.freshAccount(), BuildReference.of(build.id()));
    DescribeBuildQuery never = new DescribeBuildQuery(f.caller, BuildReference.of(TestBuilds.freshId()));
    String strangerMessage = catchMessage(() -> f.describe.describeBuild(stranger));
    String neverMessage = catchMessage(() -> f.describe.describeBuild(never));
    assertThat(strangerMessage.replace(build.id().value(), "ID"))
        .isEqualTo(neverMessage.replace(never.build().describe(), "ID"));
  }

  @Test
  void describeBuild_arnOfAnotherRegion_notFound() {
    Build build = f.createBuild();
    DescribeBuildQuery query = new DescribeBuildQuery(f.caller, BuildReference.parseIdOrArn("BuildId",
        "arn:aws:gamelift:eu-west-1::build/" + build.id()));
    assertThatThrownBy(() -> f.describe.describeBuild(query)).isInstanceOf(BuildNotFoundException.class);
  }

  @Test
  void updateBuild_nameOnly_keepsVersion() {
    Build build = f.update.updateBuild(new UpdateBuildCommand(f.caller, f.byArn(f.createBuild()),
        Optional.of(new FreeText("n")), Optional.of(new FreeText("v1"))));
    Build renamed = f.update.updateBuild(new UpdateBuildCommand(f.caller, BuildReference.of(build.id()),
        Optional.of(new FreeText("n2")), Optional.empty()));
    assertThat(renamed.name()).contains(new FreeText("n2"));
    assertThat(renamed.version()).contains(new FreeText("v1"));
  }

  @Test
  void deleteBuild_existing_removesBuildAndFiles() {
    Build build = f.createBuild();
    f.delete.deleteBuild(new DeleteBuildCommand(f.caller, f.byArn(build)));
    assertThat(f.storage.deleted).containsExactly(build.storageLocation());
    assertThatThrownBy(() -> f.delete.deleteBuild(new DeleteBuildCommand(f.caller, f.byId(build)))).isInstanceOf(BuildNotFoundException.class);
  }

  @Test
  void requestUploadCredentials_initialized_freshLeaseForSameLocation() {
    Build build = f.createBuild();
    f.clock.advance(Duration.ofMinutes(5));
    RequestUploadCredentialsResult result = f.credentials.requestUploadCredentials(new RequestUploadCredentialsCommand(f.caller, f.byId(build)));
    assertThat(result.storageLocation()).isEqualTo(build.storageLocation());
    assertThat(result.lease().issuedAt()).isEqualTo(f.clock.instant());
    assertThat(result.lease().expiresAt()).isEqualTo(f.clock.instant().plus(FakeCredentialIssuer.LIFETIME));
  }

  @Test
  void requestUploadCredentials_buildAlreadyReady_conflicts() {
    Build build = f.createBuild();
    f.builds.update(f.caller, build.id(), b -> TestBuilds.ready(b, 100));
    assertThatThrownBy(() -> f.credentials.requestUploadCredentials(new RequestUploadCredentialsCommand(f.caller, f.byId(build))))
        .isInstanceOf(StateConflictException.class);
  }

  @Test
  void tagging_addListRemove_throughArn() {
    Build build = f.createBuild();
    BuildReference arn = f.byArn(build);
    f.tag.tagResource(new TagResourceCommand(f.caller, arn, List.of(new Tag("team", "core"), new Tag("stage", ""))));
    assertThat(f.listTags.listTagsForResource(new ListTagsForResourceQuery(f.caller, f.byArn(build)))).containsExactly(new Tag("team", "core"), new Tag("stage", ""));
    f.untag.untagResource(new UntagResourceCommand(f.caller, arn, List.of("team", "absent")));
    assertThat(f.listTags.listTagsForResource(new ListTagsForResourceQuery(f.caller, f.byArn(build)))).containsExactly(new Tag("stage", ""));
  }

  @Test
  void tagging_otherAccount_notFound() {
    Build build = f.createBuild();
    BuildReference arn = f.byArn(build);
    assertThatThrownBy(() -> f.tag.tagResource(new TagResourceCommand(TestBuilds.freshAccount(), arn, List.of(new Tag("a", "b")))))
        .isInstanceOf(BuildNotFoundException.class);
    assertThat(f.listTags.listTagsForResource(new ListTagsForResourceQuery(f.caller, f.byArn(build)))).isEmpty();
  }

  private static String catchMessage(Runnable call) {
    try {
      call.run();
    } catch (BuildNotFoundException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected BuildNotFoundException");
  }
}
