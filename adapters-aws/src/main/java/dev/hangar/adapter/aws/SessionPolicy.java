package dev.hangar.adapter.aws;

import dev.hangar.domain.storage.StorageLocation;

/**
 * The inline session policy of an upload lease: the upload actions, on the build's one object, nothing else.
 * Effective rights are the uploader role's policy intersected with this one.
 */
public final class SessionPolicy {
  /** STS's limit on an inline session policy, in characters. */
  public static final int MAX_LENGTH = 2048;

  private SessionPolicy() {
  }

  public static String forObject(StorageLocation location) {
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"UploadOneBuild\",\"Effect\":\"Allow\","
        + "\"Action\":[\"s3:PutObject\",\"s3:AbortMultipartUpload\",\"s3:ListMultipartUploadParts\"],"
        + "\"Resource\":\"arn:aws:s3:::" + escape(location.bucket().value()) + "/" + escape(location.key().value()) + "\"}]}";
    if (policy.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("the session policy for " + location + " is " + policy.length()
          + " characters; STS accepts at most " + MAX_LENGTH + " (use a shorter --key-layout)");
    }
    return policy;
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
