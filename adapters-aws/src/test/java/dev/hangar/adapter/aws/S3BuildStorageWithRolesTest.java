package dev.hangar.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.hangar.application.fixture.TestBuilds.freshAccount;
import static dev.hangar.application.fixture.TestBuilds.freshId;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.BuildStorageContractTest;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.ObjectVersion;
import dev.hangar.domain.storage.RoleArn;
import dev.hangar.domain.storage.StorageLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The storage contract on a moto server whose authentication is on: the node is an IAM user that may use its own
 * buckets and assume the studio's read role; a studio keeps its build in a bucket of its own that the node cannot
 * read by itself, and an import reads it through the role the location names, as production wires it. The
 * contract's other imports name {@code role/read}, which may read the node's own test buckets.
 */
class S3BuildStorageWithRolesTest extends BuildStorageContractTest {
  /** Each call is one AWS action, made before moto starts to authenticate (INITIAL_NO_AUTH_ACTION_COUNT). */
  private static final String SETUP = String.join("\n",
      "import json, sys, boto3",
      "common = dict(endpoint_url=sys.argv[1], region_name='us-west-2', aws_access_key_id='setup', aws_secret_access_key='setup')",
      "s3 = boto3.client('s3', **common); iam = boto3.client('iam', **common)",
      "studio_bucket = 'studio-own-builds'",
      "node = iam.create_user(UserName='hangar-node')['User']",
      "node_key = iam.create_access_key(UserName='hangar-node')['AccessKey']",
      "iam.put_user_policy(UserName='hangar-node', PolicyName='node', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [",
      "  {'Effect': 'Allow', 'Action': 's3:*', 'Resource': ['arn:aws:s3:::hangar-test-*', 'arn:aws:s3:::hangar-test-*/*']},",
      "  {'Effect': 'Allow', 'Action': 'sts:AssumeRole', 'Resource': ['arn:aws:iam::123456789012:role/studio-read', 'arn:aws:iam::123456789012:role/read']}]}))",
      "iam.create_user(UserName='studio')",
      "studio_key = iam.create_access_key(UserName='studio')['AccessKey']",
      "iam.put_user_policy(UserName='studio', PolicyName='own', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [",
      "  {'Effect': 'Allow', 'Action': 's3:*', 'Resource': ['arn:aws:s3:::' + studio_bucket, 'arn:aws:s3:::' + studio_bucket + '/*']}]}))",
      "s3.create_bucket(Bucket=studio_bucket, CreateBucketConfiguration={'LocationConstraint': 'us-west-2'})",
      "s3.put_bucket_versioning(Bucket=studio_bucket, VersioningConfiguration={'Status': 'Enabled'})",
      "role = iam.create_role(RoleName='studio-read', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [",
      "  {'Effect': 'Allow', 'Principal': {'AWS': node['Arn']}, 'Action': 'sts:AssumeRole'}]}))['Role']",
      "iam.put_role_policy(RoleName='studio-read', PolicyName='read', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [",
      "  {'Effect': 'Allow', 'Action': ['s3:GetObject', 's3:GetObjectVersion'], 'Resource': 'arn:aws:s3:::' + studio_bucket + '/*'}]}))",
      "# The role the contract's other imports name: a read of the node's own test buckets.",
      "iam.create_role(RoleName='read', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [",
      "  {'Effect': 'Allow', 'Principal': {'AWS': node['Arn']}, 'Action': 'sts:AssumeRole'}]}))",
      "iam.put_role_policy(RoleName='read', PolicyName='read', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [",
      "  {'Effect': 'Allow', 'Action': ['s3:GetObject', 's3:GetObjectVersion'], 'Resource': 'arn:aws:s3:::hangar-test-*/*'}]}))",
      "print(node_key['AccessKeyId'], node_key['SecretAccessKey'], studio_key['AccessKeyId'], studio_key['SecretAccessKey'],",
      "      studio_bucket, role['Arn'])");
  private static final int SETUP_CALLS = 13;

  private static Moto moto;
  private static String[] setup;
  private static S3Client node;
  private static S3Client studio;
  private static StsClient sts;
  private static final Map<RoleArn, S3Client> callers = new ConcurrentHashMap<>();
  private S3BuildStorage storage;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    moto = Moto.start(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(SETUP_CALLS)));
    Process python = new ProcessBuilder("python3", "-c", SETUP, moto.endpoint().toString()).redirectErrorStream(true).start();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as(out).isZero();
    setup = out.trim().split("\\s+");
    node = moto.s3(setup[0], setup[1]);
    studio = moto.s3(setup[2], setup[3]);
    sts = StsClient.builder().endpointOverride(moto.endpoint()).region(Moto.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(setup[0], setup[1])))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterAll
  static void stop() {
    callers.values().forEach(S3Client::close);
    if (node != null) {
      node.close();
      studio.close();
      sts.close();
    }
    if (moto != null) {
      moto.stop();
    }
  }

  /** A caller's role as production wires it (AwsAdapterModule): S3 with credentials from AssumeRole by the node. */
  private static S3Client asCaller(RoleArn role) {
    return callers.computeIfAbsent(role, r -> S3Client.builder().endpointOverride(moto.endpoint()).region(Moto.REGION)
        .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
            .refreshRequest(request -> request.roleArn(r.value()).roleSessionName("hangar-import")).build())
        .build());
  }

  @BeforeEach
  void connect() {
    Function<RoleArn, S3Client> roles = S3BuildStorageWithRolesTest::asCaller;
    storage = new S3BuildStorage(node, new BucketName(moto.freshBucket(node)), KeyLayout.GAMELIFT, roles);
  }

  @Override
  protected BuildStorage storage() {
    return storage;
  }

  @Override
  protected boolean keepsOlderVersions() {
    return true;
  }

  @Override
  protected void store(StorageLocation location, byte[] content) {
    node.putObject(r -> r.bucket(location.bucket().value()).key(location.key().value()), RequestBody.fromBytes(content));
  }

  /**
   * Only this binding reads a caller's bucket through the role a location names (S3 with STS); the other
   * bindings have no roles, so the case is this class's, not the shared contract's.
   */
  @Test
  void importObject_callersOwnBucketThroughItsRole_copiedInOtherRolesRefused() throws IOException {
    byte[] zip = TestZips.zip(Map.of("studio.sh", "the studio's own build"));
    StorageLocation callers = storeInCallersOwnBucket(zip);
    StorageLocation destination = storage.locationFor(freshAccount(), freshId());
    assertThat(storage.importObject(callers, destination).size()).isEqualTo(zip.length);
    try (InputStream in = storage.open(destination).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(zip);
    }
    StorageLocation otherRole = StorageLocation.callerOwned(callers.bucket(), callers.key(),
        new RoleArn("arn:aws:iam::123456789012:role/not-trusted"), callers.objectVersion());
    StorageLocation refused = storage.locationFor(freshAccount(), freshId());
    assertThatThrownBy(() -> storage.importObject(otherRole, refused)).isInstanceOf(BuildStorage.ObjectUnavailableException.class);
    assertThat(storage.find(refused)).isEmpty();
  }

  /** Puts {@code content} into the studio's own bucket, which the node cannot read by itself; the location names the studio's read role. */
  private StorageLocation storeInCallersOwnBucket(byte[] content) {
    String bucket = setup[4];
    String key = "builds/" + UUID.randomUUID() + ".zip";
    String version = studio.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content)).versionId();
    // The role is what makes the object readable: the node's own identity is refused.
    assertThatThrownBy(() -> node.getObjectAsBytes(r -> r.bucket(bucket).key(key)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    return StorageLocation.callerOwned(new BucketName(bucket), new ObjectKey(key), new RoleArn(setup[5]),
        Optional.of(new ObjectVersion(version)));
  }
}
