package dev.hangar.bootstrap;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.build.Region;
import dev.hangar.domain.storage.BucketName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a Hangar node is configured with. {@link #defaults()} is the embedded default; {@link
 * #parse(String[], Map)} reads flags and {@code HANGAR_…} environment variables (a flag wins).
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
    AdapterMode adapters) {

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
    if (port < 0 || port > 65535) {
      throw new ConfigException("--port must be between 0 and 65535, got " + port);
    }
    if (credentialLifetime.compareTo(MIN_CREDENTIAL_LIFETIME) < 0 || credentialLifetime.compareTo(MAX_CREDENTIAL_LIFETIME) > 0) {
      throw new ConfigException("--credential-lifetime must be between 15m and 12h, got " + ConfigOptions.format(credentialLifetime));
    }
  }

  /** The embedded default: loopback, port 8088, us-west-2, in memory. */
  public static ServiceConfig defaults() {
    return ConfigOptions.defaults();
  }

  /** Reads flags and environment variables over the defaults; {@code --help} is the caller's to handle. */
  public static ServiceConfig parse(String[] args, Map<String, String> env) {
    return ConfigOptions.parse(args, env);
  }

  public ServiceConfig withPort(int newPort) {
    return new ServiceConfig(bindAddress, newPort, region, accountId, credentialLifetime, defaultOperatingSystem, dataDir,
        bucket, adapters);
  }

  public ServiceConfig withAccountId(AccountId newAccountId) {
    return new ServiceConfig(bindAddress, port, region, newAccountId, credentialLifetime, defaultOperatingSystem, dataDir,
        bucket, adapters);
  }

  public ServiceConfig withCredentialLifetime(Duration lifetime) {
    return new ServiceConfig(bindAddress, port, region, accountId, lifetime, defaultOperatingSystem, dataDir, bucket, adapters);
  }

  public ServiceConfig withRegion(Region newRegion) {
    return new ServiceConfig(bindAddress, port, newRegion, accountId, credentialLifetime, defaultOperatingSystem, dataDir,
        bucket, adapters);
  }
}
