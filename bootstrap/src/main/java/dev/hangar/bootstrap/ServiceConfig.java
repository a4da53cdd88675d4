package dev.hangar.bootstrap;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.build.Region;
import dev.hangar.domain.credential.Principal;
import dev.hangar.adapter.http.GameLiftHandler;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.KeyLayout;
import dev.hangar.domain.storage.UploadLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a Hangar node is configured with. {@link #defaults()} is the embedded default; {@link
 * #parse(String[], Map)} reads flags and {@code HANGAR_…} environment variables (a flag wins).
 *
 * <p>Principals (the API's keys) come from three places, all optional: {@code principals} given in code,
 * a {@code principalsFile}, and {@code HANGAR_ACCESS_KEY_ID}/{@code HANGAR_SECRET_ACCESS_KEY}. With none,
 * the node creates one in {@code dataDir} unless {@code insecureNoAuth} turns authentication off.
 */
public record ServiceConfig(
    String bindAddress,
    int port,
    Region region,
    AccountId accountId,
    Duration credentialLifetime,
    OperatingSystem defaultOperatingSystem,
    Path dataDir,
    BucketName bucket,
    AdapterMode adapters,
    Optional<Path> principalsFile,
    List<Principal> principals,
    boolean insecureNoAuth,
    UploadLimits uploadLimits,
    KeyLayout keyLayout,
    AwsSettings aws,
    ServingSettings serving) {

  public static final Duration MIN_CREDENTIAL_LIFETIME = Duration.ofMinutes(15);
  public static final Duration MAX_CREDENTIAL_LIFETIME = Duration.ofHours(12);

  public ServiceConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(credentialLifetime, "credentialLifetime");
    Objects.requireNonNull(defaultOperatingSystem, "defaultOperatingSystem");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(adapters, "adapters");
    Objects.requireNonNull(principalsFile, "principalsFile");
    Objects.requireNonNull(uploadLimits, "uploadLimits");
    Objects.requireNonNull(keyLayout, "keyLayout");
    Objects.requireNonNull(aws, "aws");
    Objects.requireNonNull(serving, "serving");
    if (!serving.tls() && !serving.insecureHttp() && !isLoopback(bindAddress)) {
      throw new ConfigException("--bind " + bindAddress + " is not a loopback address, and plain HTTP would carry API keys' "
          + "signatures and RequestUploadCredentials' secrets in clear across the network: serve HTTPS with --tls-cert and "
          + "--tls-key, or give --insecure-http to accept that");
    }
    if (adapters == AdapterMode.AWS && aws.uploadRoleArn().isEmpty()) {
      throw new ConfigException("--backend aws needs --upload-role-arn: the role that upload credentials are issued for");
    }
    if (adapters != AdapterMode.AWS && bucket.value().equals(GameLiftHandler.reservedPathSegment())) {
      throw new ConfigException("--bucket " + bucket.value() + " is not allowed: its path-style S3 requests would collide with "
          + "the GameLift API's Smithy RPC v2 CBOR path /service/GameLift/operation/<Operation> on the same port; choose another name");
    }
    principals = List.copyOf(principals);
    if (port < 0 || port > 65535) {
      throw new ConfigException("--port must be between 0 and 65535, got " + port);
    }
    if (credentialLifetime.compareTo(MIN_CREDENTIAL_LIFETIME) < 0 || credentialLifetime.compareTo(MAX_CREDENTIAL_LIFETIME) > 0) {
      throw new ConfigException("--credential-lifetime must be between 15m and 12h, got " + ConfigOptions.format(credentialLifetime));
    }
  }

  /** Whether {@code address} (an IP literal or a name) is a loopback address; an unresolvable name is left to the bind. */
  static boolean isLoopback(String address) {
    try {
      return java.net.InetAddress.getByName(address).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return true;
    }
  }

  /** The embedded default: loopback, port 8088, us-west-2, in memory, authentication on. */
  public static ServiceConfig defaults() {
    return ConfigOptions.defaults();
  }

  /** Reads flags and environment variables over the jar's defaults (backend {@code local} unless told otherwise); {@code --help} is the caller's to handle. */
  public static ServiceConfig parse(String[] args, Map<String, String> env) {
    return ConfigOptions.parse(args, env);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public ServiceConfig withPort(int newPort) {
    return toBuilder().port(newPort).build();
  }

  /** This configuration with one more principal: keys that act for {@code account}. */
  public ServiceConfig withPrincipal(String accessKeyId, String secretAccessKey, AccountId account) {
    return toBuilder().addPrincipal(new Principal(accessKeyId, secretAccessKey, account)).build();
  }

  public ServiceConfig withCredentialLifetime(Duration lifetime) {
    return toBuilder().credentialLifetime(lifetime).build();
  }

  public ServiceConfig withDataDir(Path dir) {
    return toBuilder().dataDir(dir).build();
  }

  /** Changes one or more settings of a configuration. */
  public static final class Builder {
    private String bindAddress;
    private int port;
    private Region region;
    private AccountId accountId;
    private Duration credentialLifetime;
    private OperatingSystem defaultOperatingSystem;
    private Path dataDir;
    private BucketName bucket;
    private AdapterMode adapters;
    private Optional<Path> principalsFile;
    private final List<Principal> principals;
    private boolean insecureNoAuth;
    private UploadLimits uploadLimits;
    private KeyLayout keyLayout;
    private AwsSettings aws;
    private ServingSettings serving;

    private Builder(ServiceConfig from) {
      bindAddress = from.bindAddress;
      port = from.port;
      region = from.region;
      accountId = from.accountId;
      credentialLifetime = from.credentialLifetime;
      defaultOperatingSystem = from.defaultOperatingSystem;
      dataDir = from.dataDir;
      bucket = from.bucket;
      adapters = from.adapters;
      principalsFile = from.principalsFile;
      principals = new ArrayList<>(from.principals);
      insecureNoAuth = from.insecureNoAuth;
      uploadLimits = from.uploadLimits;
      keyLayout = from.keyLayout;
      aws = from.aws;
      serving = from.serving;
    }

    public Builder bindAddress(String value) {
      bindAddress = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder region(Region value) {
      region = value;
      return this;
    }

    public Builder accountId(AccountId value) {
      accountId = value;
      return this;
    }

    public Builder credentialLifetime(Duration value) {
      credentialLifetime = value;
      return this;
    }

    public Builder defaultOperatingSystem(OperatingSystem value) {
      defaultOperatingSystem = value;
      return this;
    }

    public Builder dataDir(Path value) {
      dataDir = value;
      return this;
    }

    public Builder bucket(BucketName value) {
      bucket = value;
      return this;
    }

    public Builder adapters(AdapterMode value) {
      adapters = value;
      return this;
    }

    public Builder principalsFile(Path value) {
      principalsFile = Optional.of(value);
      return this;
    }

    public Builder addPrincipal(Principal principal) {
      principals.add(principal);
      return this;
    }

    public Builder insecureNoAuth(boolean value) {
      insecureNoAuth = value;
      return this;
    }

    public Builder uploadLimits(UploadLimits value) {
      uploadLimits = value;
      return this;
    }

    public Builder keyLayout(KeyLayout value) {
      keyLayout = value;
      return this;
    }

    public Builder aws(AwsSettings value) {
      aws = value;
      return this;
    }

    public Builder serving(ServingSettings value) {
      serving = value;
      return this;
    }

    public ServiceConfig build() {
      return new ServiceConfig(bindAddress, port, region, accountId, credentialLifetime, defaultOperatingSystem, dataDir,
          bucket, adapters, principalsFile, principals, insecureNoAuth, uploadLimits, keyLayout, aws, serving);
    }
  }
}
