package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.AwsCredentialsShape;
import dev.hangar.adapter.http.wire.BuildShape;
import dev.hangar.adapter.http.wire.S3LocationShape;
import dev.hangar.adapter.http.wire.TagShape;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.Tag;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.storage.StorageLocation;
import java.math.BigDecimal;
import java.util.List;

/** Domain values as GameLift's output shapes. */
final class Shapes {
  private Shapes() {
  }

  static BuildShape build(Build build) {
    return new BuildShape(build.id().value(), build.arn().value(),
        build.name().map(FreeText::value).orElse(null), build.version().map(FreeText::value).orElse(null),
        build.status().name(), build.sizeOnDisk(), build.operatingSystem().name(),
        BigDecimal.valueOf(build.creationTime().toEpochMilli(), 3), build.serverSdkVersion().value());
  }

  /** The location as GameLift echoes it: bucket and key, plus role and version for a caller's bucket. */
  static S3LocationShape location(StorageLocation location) {
    return new S3LocationShape(location.bucket().value(), location.key().value(),
        location.roleArn().map(Object::toString).orElse(null), location.objectVersion().map(Object::toString).orElse(null));
  }

  static AwsCredentialsShape credentials(CredentialLease lease) {
    return new AwsCredentialsShape(lease.accessKeyId(), lease.secretAccessKey(), lease.sessionToken());
  }

  static List<TagShape> tags(List<Tag> tags) {
    return tags.stream().map(tag -> new TagShape(tag.key(), tag.value())).toList();
  }
}
