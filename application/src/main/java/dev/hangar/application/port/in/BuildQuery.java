package dev.hangar.application.port.in;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.BuildReference;
import java.util.Objects;

/** A caller naming one build by id or ARN: the input of DescribeBuild, DeleteBuild, RequestUploadCredentials and ListTagsForResource. */
public record BuildQuery(AccountId caller, BuildReference build) {
  public BuildQuery {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(build, "build");
  }
}
