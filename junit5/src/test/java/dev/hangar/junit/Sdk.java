package dev.hangar.junit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Credentials;
import software.amazon.awssdk.services.s3.S3Client;

/** The Java SDK clients a user's test would build from the extension's endpoint, region and keys. */
final class Sdk {
  private Sdk() {
  }

  static GameLiftClient gameLift(HangarExtension hangar, HangarKeys keys) {
    return GameLiftClient.builder().endpointOverride(hangar.endpoint()).region(Region.of(hangar.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
        .build();
  }

  /** An S3 client with a build's upload credentials, path-style, pointed at the node. */
  static S3Client s3(HangarExtension hangar, Credentials lease) {
    // The SDK's default HTTP client (Apache's), as a user's suite has it: it honours Expect: 100-continue, so a
    // refusal before the body reaches it whole (URLConnection's loses the error's body).
    return S3Client.builder().endpointOverride(hangar.endpoint()).region(Region.of(hangar.region())).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(lease.accessKeyId(),
            lease.secretAccessKey(), lease.sessionToken())))
        .build();
  }

  /** A small game server build: a zip holding one script. */
  static byte[] zip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("run.sh"));
      zip.write("#!/bin/sh\nexec ./server\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
