package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.S3LocationShape;
import dev.hangar.adapter.http.wire.TagShape;
import dev.hangar.domain.build.BuildReference;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.Tag;
import dev.hangar.domain.failure.InvalidTagException;
import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.ObjectVersion;
import dev.hangar.domain.storage.RoleArn;
import dev.hangar.domain.storage.StorageLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns wire members into value objects, enforcing what the model declares and the SDKs do not check:
 * required members, lengths, patterns and list sizes. Every refusal names the wire member.
 */
final class Members {
  static final int MAX_TAGS_PER_CALL = 200;

  private Members() {
  }

  static <T> T required(String field, T value) {
    if (value == null) {
      throw InvalidValueException.missing(field);
    }
    return value;
  }

  static BuildReference buildIdOrArn(String value) {
    return BuildReference.parseIdOrArn("BuildId", value);
  }

  static BuildReference resourceArn(String value) {
    return BuildReference.parseResourceArn("ResourceARN", value);
  }

  static Optional<FreeText> freeText(String field, String value) {
    return value == null ? Optional.empty() : Optional.of(FreeText.of(field, value));
  }

  static <T> Optional<T> optional(String field, String value, Function<String, T> parse) {
    return value == null ? Optional.empty() : Optional.of(parse.apply(value));
  }

  /** A caller-supplied S3 location: Bucket, Key and RoleArn are needed for the service to read it. */
  static StorageLocation callerLocation(S3LocationShape shape) {
    BucketName bucket = new BucketName(required("StorageLocation.Bucket", shape.bucket()));
    ObjectKey key = new ObjectKey(required("StorageLocation.Key", shape.key()));
    RoleArn role = new RoleArn(required("StorageLocation.RoleArn", shape.roleArn()));
    return StorageLocation.callerOwned(bucket, key, role, optional("StorageLocation.ObjectVersion", shape.objectVersion(), ObjectVersion::new));
  }

  /** Tags as sent: Key and Value are required members; the tag rules themselves are the domain's. */
  static List<Tag> tags(List<TagShape> shapes) {
    if (shapes.size() > MAX_TAGS_PER_CALL) {
      throw new InvalidTagException("At most " + MAX_TAGS_PER_CALL + " tags can be given in one request");
    }
    List<Tag> tags = new ArrayList<>(shapes.size());
    for (TagShape shape : shapes) {
      required("Tags.member", shape);
      tags.add(new Tag(required("Tags.member.Key", shape.key()), required("Tags.member.Value", shape.value())));
    }
    return tags;
  }

  static List<String> tagKeys(List<String> keys) {
    if (keys.size() > MAX_TAGS_PER_CALL) {
      throw new InvalidTagException("At most " + MAX_TAGS_PER_CALL + " tag keys can be given in one request");
    }
    for (String key : keys) {
      Tag.requireUsableKey(required("TagKeys.member", key));
    }
    return keys;
  }
}
