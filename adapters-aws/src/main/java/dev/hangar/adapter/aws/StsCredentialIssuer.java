package dev.hangar.adapter.aws;

import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.DependencyFailureException;
import dev.hangar.domain.credential.CredentialLease;
import dev.hangar.domain.credential.UploadTarget;
import dev.hangar.domain.storage.RoleArn;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Upload leases from STS: AssumeRole on the uploader role, with an inline session policy that allows only
 * the upload actions on the build's one object, for a bounded duration. The lease's expiry is STS's.
 */
public final class StsCredentialIssuer implements CredentialIssuer {
  public static final Duration MIN_DURATION = Duration.ofSeconds(900);
  public static final Duration MAX_DURATION = Duration.ofSeconds(43_200);

  private final StsClient sts;
  private final RoleArn uploaderRole;
  private final Duration duration;

  public StsCredentialIssuer(StsClient sts, RoleArn uploaderRole, Duration duration) {
    this.sts = Objects.requireNonNull(sts, "sts");
    this.uploaderRole = Objects.requireNonNull(uploaderRole, "uploaderRole");
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("the upload duration must be between 900 s and 43,200 s, got " + duration.toSeconds() + " s");
    }
    this.duration = duration;
  }

  @Override
  public CredentialLease issueUploadLease(UploadTarget target, Instant now) {
    String policy = SessionPolicy.forObject(target.location());
    AssumeRoleResponse response;
    try {
      response = sts.assumeRole(r -> r.roleArn(uploaderRole.value())
          .roleSessionName(sessionName(target))
          .durationSeconds((int) duration.toSeconds())
          .policy(policy));
    } catch (SdkException e) {
      throw new DependencyFailureException("STS AssumeRole on " + uploaderRole + " failed", e);
    }
    Credentials credentials = response.credentials();
    return new CredentialLease(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken(), target,
        now, credentials.expiration());
  }

  /** "hangar-" and as much of the build id as fits STS's 64 characters of [\w+=,.@-]. */
  static String sessionName(UploadTarget target) {
    String name = "hangar-" + target.buildId().value().replaceAll("[^\\w+=,.@-]", "-");
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
