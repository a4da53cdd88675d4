package dev.hangar.domain.build;

/**
 * The ARN of a build as Hangar emits it: {@code arn:aws:gamelift:<region>::build/<id>}, with an empty
 * account field as in GameLift's documentation and examples.
 */
public record BuildArn(Region region, BuildId buildId) {
  public BuildArn {
    java.util.Objects.requireNonNull(region, "region");
    java.util.Objects.requireNonNull(buildId, "buildId");
  }

  public String value() {
    return "arn:aws:gamelift:" + region.value() + "::build/" + buildId.value();
  }

  @Override
  public String toString() {
    return value();
  }
}
