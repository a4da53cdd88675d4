package dev.hangar.adapter.http.wire;

/** GameLift's {@code AwsCredentials}; sensitive, so it has no readable {@code toString()}. */
public record AwsCredentialsShape(String accessKeyId, String secretAccessKey, String sessionToken) {
  @Override
  public String toString() {
    return "AwsCredentialsShape[accessKeyId=" + accessKeyId + ", ****]";
  }
}
