package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.build.OperatingSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {
  @Test
  void defaults_embedded_loopbackInMemory() {
    ServiceConfig config = ServiceConfig.defaults();
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8088);
    assertThat(config.region().value()).isEqualTo("us-west-2");
    assertThat(config.credentialLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(config.defaultOperatingSystem()).isEqualTo(OperatingSystem.AMAZON_LINUX_2023);
    assertThat(config.adapters()).isEqualTo(AdapterMode.MEMORY);
  }

  @Test
  void parse_noBackend_theJarsDurableDefaultAndEachBackendByName() {
    assertThat(ServiceConfig.parse(new String[0], Map.of()).adapters()).isEqualTo(AdapterMode.LOCAL);
    assertThat(ServiceConfig.parse(new String[] {"--backend", "memory"}, Map.of()).adapters()).isEqualTo(AdapterMode.MEMORY);
    assertThat(ServiceConfig.parse(new String[0], Map.of("HANGAR_BACKEND", "memory")).adapters()).isEqualTo(AdapterMode.MEMORY);
    assertThat(ServiceConfig.parse(new String[] {"--backend=local"}, Map.of()).adapters()).isEqualTo(AdapterMode.LOCAL);
    assertThatThrownBy(() -> ServiceConfig.parse(new String[] {"--backend", "sqlite"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must be local, memory or aws");
  }

  @Test
  void parse_nonLoopbackBindWithoutTls_isRefusedUnlessInsecureHttp() {
    assertThatThrownBy(() -> ServiceConfig.parse(new String[] {"--bind", "0.0.0.0"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--bind 0.0.0.0 is not a loopback address")
        .hasMessageContaining("--tls-cert").hasMessageContaining("--insecure-http");
    assertThat(ServiceConfig.parse(new String[] {"--bind", "0.0.0.0", "--insecure-http"}, Map.of()).bindAddress()).isEqualTo("0.0.0.0");
    assertThat(ServiceConfig.parse(new String[] {"--bind", "0.0.0.0", "--tls-cert", "c.pem", "--tls-key", "k.pem"}, Map.of())
        .serving().tls()).isTrue();
    assertThat(ServiceConfig.parse(new String[] {"--bind", "::1"}, Map.of()).bindAddress()).isEqualTo("::1");
  }

  @Test
  void parse_tlsCertWithoutKey_isRefused() {
    assertThatThrownBy(() -> ServiceConfig.parse(new String[] {"--tls-cert", "c.pem"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--tls-cert and --tls-key go together");
  }

  @Test
  void parse_flagsAndEnvironment_flagWins() {
    ServiceConfig config = ServiceConfig.parse(new String[] {"--port", "9001", "--region=eu-west-1"}, Map.of(
        "HANGAR_PORT", "9000", "HANGAR_ACCOUNT_ID", "210987654321", "HANGAR_CREDENTIAL_LIFETIME", "30m",
        "HANGAR_DEFAULT_OPERATING_SYSTEM", "WINDOWS_2022", "HANGAR_DATA_DIR", "/tmp/hangar-data", "HANGAR_BIND", "0.0.0.0",
        "HANGAR_BUCKET", "studio-builds", "HANGAR_INSECURE_HTTP", "true"));
    assertThat(config.port()).isEqualTo(9001);
    assertThat(config.region().value()).isEqualTo("eu-west-1");
    assertThat(config.accountId().value()).isEqualTo("210987654321");
    assertThat(config.credentialLifetime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.defaultOperatingSystem()).isEqualTo(OperatingSystem.WINDOWS_2022);
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/hangar-data"));
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.bucket().value()).isEqualTo("studio-builds");
  }

  @Test
  void parse_durations_secondsMinutesHours() {
    assertThat(ConfigOptions.parseDuration("900")).isEqualTo(Duration.ofSeconds(900));
    assertThat(ConfigOptions.parseDuration("900s")).isEqualTo(Duration.ofSeconds(900));
    assertThat(ConfigOptions.parseDuration("12h")).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void parse_badValues_clearErrorsNamingTheFlag() {
    assertThatThrownBy(() -> parse("--port", "http")).isInstanceOf(ConfigException.class).hasMessageContaining("--port");
    assertThatThrownBy(() -> parse("--port", "70000")).isInstanceOf(ConfigException.class).hasMessageContaining("65535");
    assertThatThrownBy(() -> parse("--credential-lifetime", "5m")).hasMessageContaining("between 15m and 12h");
    assertThatThrownBy(() -> parse("--credential-lifetime", "13h")).hasMessageContaining("between 15m and 12h");
    assertThatThrownBy(() -> parse("--credential-lifetime", "soon")).hasMessageContaining("--credential-lifetime");
    assertThatThrownBy(() -> parse("--account-id", "42")).hasMessageContaining("--account-id").hasMessageContaining("twelve digits");
    assertThatThrownBy(() -> parse("--default-operating-system", "DOS")).hasMessageContaining("AMAZON_LINUX_2023");
    assertThatThrownBy(() -> parse("--bucket", "my.bucket")).hasMessageContaining("dot");
    assertThatThrownBy(() -> parse("--region", "mars")).hasMessageContaining("--region");
    assertThatThrownBy(() -> parse("--nope", "1")).hasMessageContaining("Unknown option --nope");
    assertThatThrownBy(() -> parse("--port")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> parse("stray")).hasMessageContaining("Unexpected argument");
  }

  @Test
  void parse_bucketNamedLikeTheCborPath_refusedOnTheEmbeddedEndpoint() {
    assertThatThrownBy(() -> parse("--bucket", "service")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--bucket service").hasMessageContaining("/service/GameLift/operation/<Operation>");
    assertThat(parse("--bucket", "services").bucket().value()).isEqualTo("services");
  }

  @Test
  void parse_uploadLimitsAndKeyLayout() {
    ServiceConfig config = ServiceConfig.parse(new String[] {"--max-part-size", "64m", "--max-object-size", "10g",
        "--max-account-size", "1t", "--key-layout", "builds/{account}/{buildId}.zip"}, Map.of());
    assertThat(config.uploadLimits().maxPartBytes()).isEqualTo(64L << 20);
    assertThat(config.uploadLimits().maxObjectBytes()).isEqualTo(10L << 30);
    assertThat(config.uploadLimits().maxAccountBytes()).isEqualTo(1L << 40);
    assertThat(config.keyLayout().template()).isEqualTo("builds/{account}/{buildId}.zip");
    assertThat(ServiceConfig.defaults().uploadLimits().maxObjectBytes()).isEqualTo(5L << 30);
    assertThat(ServiceConfig.defaults().uploadLimits().maxAccountBytes()).isEqualTo(100L << 30);
    assertThat(ServiceConfig.defaults().uploadLimits().maxBuildsPerAccount()).isEqualTo(1000);
    assertThat(ServiceConfig.defaults().uploadLimits().maxOpenUploadsPerBuild()).isEqualTo(100);
    ServiceConfig quotas = ServiceConfig.parse(new String[] {"--max-builds-per-account", "250000", "--max-open-uploads-per-build", "7"},
        Map.of("HANGAR_MAX_BUILDS_PER_ACCOUNT", "5"));
    assertThat(quotas.uploadLimits().maxBuildsPerAccount()).isEqualTo(250_000);
    assertThat(quotas.uploadLimits().maxOpenUploadsPerBuild()).isEqualTo(7);
    assertThat(ServiceConfig.parse(new String[0], Map.of("HANGAR_MAX_BUILDS_PER_ACCOUNT", "5")).uploadLimits().maxBuildsPerAccount())
        .isEqualTo(5);
    assertThat(ServiceConfig.defaults().keyLayout().template()).isEqualTo("{account}/{buildId}");
  }

  @Test
  void parse_badUploadLimitsOrLayout_clearErrors() {
    assertThatThrownBy(() -> parse("--max-part-size", "1m")).hasMessageContaining("between 5m and 5g");
    assertThatThrownBy(() -> parse("--max-object-size", "lots")).hasMessageContaining("--max-object-size");
    assertThatThrownBy(() -> parse("--max-account-size", "1m")).hasMessageContaining("at least --max-object-size");
    assertThatThrownBy(() -> parse("--key-layout", "{buildId}")).hasMessageContaining("--key-layout");
    assertThatThrownBy(() -> parse("--max-builds-per-account", "0")).hasMessageContaining("--max-builds-per-account")
        .hasMessageContaining("between 1 and 10000000");
    assertThatThrownBy(() -> parse("--max-builds-per-account", "many")).hasMessageContaining("a whole number");
    assertThatThrownBy(() -> parse("--max-open-uploads-per-build", "10001")).hasMessageContaining("--max-open-uploads-per-build");
  }

  @Test
  void parse_awsBackend_settingsFromFlagsAndEnvironment() {
    ServiceConfig config = ServiceConfig.parse(new String[] {"--backend", "aws", "--upload-role-arn",
        "arn:aws:iam::123456789012:role/hangar-uploader", "--upload-duration", "2h", "--s3-path-style"},
        Map.of("HANGAR_S3_ENDPOINT", "http://127.0.0.1:5000", "HANGAR_STS_ENDPOINT", "http://127.0.0.1:5001"));
    assertThat(config.adapters()).isEqualTo(AdapterMode.AWS);
    assertThat(config.aws().uploadRoleArn()).map(Object::toString).contains("arn:aws:iam::123456789012:role/hangar-uploader");
    assertThat(config.aws().uploadDuration()).isEqualTo(Duration.ofHours(2));
    assertThat(config.aws().s3Endpoint()).map(Object::toString).contains("http://127.0.0.1:5000");
    assertThat(config.aws().stsEndpoint()).map(Object::toString).contains("http://127.0.0.1:5001");
    assertThat(config.aws().s3PathStyle()).isTrue();
    assertThat(ServiceConfig.defaults().aws().s3PathStyle()).isFalse();
  }

  @Test
  void parse_awsBackendMisconfigured_clearErrors() {
    assertThatThrownBy(() -> parse("--backend", "aws")).hasMessageContaining("--upload-role-arn");
    assertThatThrownBy(() -> parse("--backend", "cloud")).hasMessageContaining("memory or aws");
    assertThatThrownBy(() -> parse("--upload-duration", "10m")).hasMessageContaining("between 900s and 43200s");
    assertThatThrownBy(() -> parse("--upload-duration", "13h")).hasMessageContaining("between 900s and 43200s");
    assertThatThrownBy(() -> parse("--s3-endpoint", "ftp://example")).hasMessageContaining("--s3-endpoint");
    assertThatThrownBy(() -> parse("--upload-role-arn", "arn:aws:s3:::bucket")).hasMessageContaining("--upload-role-arn");
  }

  @Test
  void usage_listsEveryOptionWithDefaultAndVariable() {
    String usage = ConfigOptions.usage();
    for (String flag : new String[] {"port", "bind", "region", "account-id", "credential-lifetime", "default-operating-system",
        "data-dir", "bucket", "backend", "principals", "insecure-no-auth", "max-part-size", "max-object-size", "max-account-size",
        "max-builds-per-account", "max-open-uploads-per-build", "key-layout", "upload-role-arn", "upload-duration", "s3-endpoint", "sts-endpoint", "s3-path-style"}) {
      assertThat(usage).contains("--" + flag).contains("HANGAR_" + flag.toUpperCase().replace('-', '_'));
    }
    assertThat(usage).contains("default: 8088").contains("15m..12h");
  }

  private static ServiceConfig parse(String... args) {
    return ServiceConfig.parse(args, Map.of());
  }
}
