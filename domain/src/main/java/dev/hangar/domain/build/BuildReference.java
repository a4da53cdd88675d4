package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidValueException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a caller names a build: a bare id, or an ARN. An ARN may carry an account field and any region;
 * it is resolved by id within the caller's account, and only in Hangar's own region.
 */
public final class BuildReference {
  private static final int MAX_LENGTH = 1011;
  private static final Pattern ID_OR_ARN = Pattern.compile("build-\\S+|arn:.*:build/build-\\S+", Pattern.DOTALL);
  private static final String ID_OR_ARN_CONSTRAINT =
      "Member must satisfy regular expression pattern: ^build-\\S+|^arn:.*:build\\/build-\\S+";

  private final BuildId buildId;
  private final String arnService;
  private final String arnRegion;

  private BuildReference(BuildId buildId, String arnService, String arnRegion) {
    this.buildId = buildId;
    this.arnService = arnService;
    this.arnRegion = arnRegion;
  }

  public static BuildReference of(BuildId id) {
    return new BuildReference(id, null, null);
  }

  /** Parses a {@code BuildIdOrArn} member as the model defines it. */
  public static BuildReference parseIdOrArn(String field, String value) {
    if (value == null) {
      throw InvalidValueException.missing(field);
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH || !ID_OR_ARN.matcher(value).matches()) {
      throw new InvalidValueException(field, value, ID_OR_ARN_CONSTRAINT);
    }
    if (value.startsWith("build-")) {
      return new BuildReference(new BuildId(value), null, null);
    }
    return parseArn(field, value);
  }

  /**
   * Parses a {@code ResourceARN}: any well-formed ARN is accepted; one that does not name a GameLift
   * build resolves to nothing (NotFound), like a build that never existed.
   */
  public static BuildReference parseResourceArn(String field, String value) {
    if (value == null) {
      throw InvalidValueException.missing(field);
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new InvalidValueException(field, value, "Member must have length between 1 and " + MAX_LENGTH);
    }
    if (!value.startsWith("arn:") || value.split(":", 6).length < 6) {
      throw new InvalidValueException(field, value, "Member must be an Amazon Resource Name (ARN)");
    }
    return parseArn(field, value);
  }

  private static BuildReference parseArn(String field, String value) {
    String[] parts = value.split(":", 6);
    if (parts.length < 6) {
      throw new InvalidValueException(field, value, ID_OR_ARN_CONSTRAINT);
    }
    String resource = parts[5];
    String id = resource.startsWith("build/") ? resource.substring("build/".length()) : "";
    if (!id.startsWith("build-") || id.chars().anyMatch(Character::isWhitespace) || id.length() <= "build-".length()) {
      // An ARN of another resource type: well formed, but it can never name a build.
      return new BuildReference(null, parts[2], parts[3]);
    }
    return new BuildReference(new BuildId(id), parts[2], parts[3]);
  }

  /** The build this reference names in the given region, or empty when it cannot name one there. */
  public Optional<BuildId> resolveIn(Region home) {
    if (buildId == null) {
      return Optional.empty();
    }
    if (arnService != null && (!arnService.equals("gamelift") || !arnRegion.equals(home.value()))) {
      return Optional.empty();
    }
    return Optional.of(buildId);
  }

  /** The id the caller named, for messages; for an ARN that names no build, the ARN's resource part. */
  public String describe() {
    return buildId != null ? buildId.value() : "(not a build)";
  }

  @Override
  public String toString() {
    return "BuildReference[" + describe() + "]";
  }
}
