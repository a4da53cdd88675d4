package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.credential.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalSourceTest {
  @TempDir
  Path dir;

  private ServiceConfig config(String... args) {
    return ServiceConfig.parse(args, Map.of()).withDataDir(dir.resolve("data"));
  }

  @Test
  void resolve_nothingConfigured_createsOwnerOnlyFileOnceAndReusesIt() throws Exception {
    PrincipalSource.Resolved first = PrincipalSource.resolve(config(), Clock.systemUTC());
    Path file = dir.resolve("data").resolve(PrincipalSource.GENERATED_FILE);
    assertThat(first.createdNow()).isTrue();
    assertThat(first.generatedFile()).contains(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    Principal principal = first.principals().get(0);
    assertThat(principal.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
    assertThat(principal.account()).isEqualTo(new AccountId("123456789012"));
    assertThat(Files.readString(file)).contains("export AWS_ACCESS_KEY_ID=" + principal.accessKeyId())
        .contains("export AWS_SECRET_ACCESS_KEY=" + principal.secretAccessKey()).contains("export AWS_DEFAULT_REGION=us-west-2");

    PrincipalSource.Resolved second = PrincipalSource.resolve(config(), Clock.systemUTC());
    assertThat(second.createdNow()).isFalse();
    assertThat(second.principals()).containsExactly(principal);
    assertThat(second.warnings()).isEmpty();
  }

  @Test
  void resolve_generatedFileReadableByOthers_warns() throws Exception {
    PrincipalSource.resolve(config(), Clock.systemUTC());
    Path file = dir.resolve("data").resolve(PrincipalSource.GENERATED_FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(PrincipalSource.resolve(config(), Clock.systemUTC()).warnings()).singleElement().asString().contains("chmod 600");
  }

  @Test
  void resolve_principalsFile_severalAccounts() throws Exception {
    Path file = dir.resolve("principals.json");
    Files.writeString(file, "{\"principals\":[{\"accountId\":\"111111111111\",\"accessKeyId\":\"AKIAALICE0001\",\"secretAccessKey\":\"alice-secret-1\"},"
        + "{\"accountId\":\"222222222222\",\"accessKeyId\":\"AKIABOB00002\",\"secretAccessKey\":\"bob-secret-22\"}]}");
    PrincipalSource.Resolved resolved = PrincipalSource.resolve(config("--principals", file.toString()), Clock.systemUTC());
    assertThat(resolved.principals()).extracting(Principal::account)
        .containsExactly(new AccountId("111111111111"), new AccountId("222222222222"));
    assertThat(resolved.generatedFile()).isEmpty();
    assertThat(Files.exists(dir.resolve("data"))).as("no file is created when principals are configured").isFalse();
  }

  @Test
  void resolve_badPrincipalsFiles_clearErrorsWithoutSecrets() throws Exception {
    Path file = dir.resolve("principals.json");
    assertThatThrownBy(() -> PrincipalSource.resolve(config("--principals", file.toString()), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no such file");
    Files.writeString(file, "{\"principals\": [");
    assertThatThrownBy(() -> PrincipalSource.resolve(config("--principals", file.toString()), Clock.systemUTC()))
        .hasMessageContaining("not valid JSON");
    Files.writeString(file, "{\"principals\":[{\"accountId\":\"42\",\"accessKeyId\":\"AKIAX0001\",\"secretAccessKey\":\"s3cret-value-1\"}]}");
    assertThatThrownBy(() -> PrincipalSource.resolve(config("--principals", file.toString()), Clock.systemUTC()))
        .hasMessageContaining("entry 0").hasMessageContaining("twelve digits");
    Files.writeString(file, "{\"principals\":[{\"accountId\":\"111111111111\",\"accessKeyId\":\"AKIAX0001\",\"secretAccessKey\":\"short\"}]}");
    assertThatThrownBy(() -> PrincipalSource.resolve(config("--principals", file.toString()), Clock.systemUTC()))
        .hasMessageContaining("secretAccessKey").satisfies(e -> assertThat(e.getMessage()).doesNotContain("short\""));
    Files.writeString(file, "{\"principals\":[{\"accountId\":\"111111111111\",\"accessKeyId\":\"AKIAX0001\",\"secretAccessKey\":\"s3cret-value-1\",\"role\":\"x\"}]}");
    assertThatThrownBy(() -> PrincipalSource.resolve(config("--principals", file.toString()), Clock.systemUTC()))
        .hasMessageContaining("unknown member 'role'");
    Files.writeString(file, "{\"principals\":[]}");
    assertThatThrownBy(() -> PrincipalSource.resolve(config("--principals", file.toString()), Clock.systemUTC()))
        .hasMessageContaining("must be");
  }

  @Test
  void resolve_sameKeyInFileAndEnvironment_refused() throws Exception {
    Path file = dir.resolve("principals.json");
    Files.writeString(file, "{\"principals\":[{\"accountId\":\"111111111111\",\"accessKeyId\":\"AKIATWICE01\",\"secretAccessKey\":\"secret-one-1\"}]}");
    ServiceConfig config = ServiceConfig.parse(new String[] {"--principals", file.toString()},
        Map.of("HANGAR_ACCESS_KEY_ID", "AKIATWICE01", "HANGAR_SECRET_ACCESS_KEY", "secret-two-22"));
    assertThatThrownBy(() -> PrincipalSource.resolve(config, Clock.systemUTC())).hasMessageContaining("configured twice");
  }

  @Test
  void resolve_environmentPrincipal_isInTheConfiguredAccount() {
    ServiceConfig config = ServiceConfig.parse(new String[] {"--account-id", "333333333333"},
        Map.of("HANGAR_ACCESS_KEY_ID", "AKIAENV000001", "HANGAR_SECRET_ACCESS_KEY", "env-secret-value"));
    assertThat(PrincipalSource.resolve(config, Clock.systemUTC()).principals())
        .containsExactly(new Principal("AKIAENV000001", "env-secret-value", new AccountId("333333333333")));
    assertThatThrownBy(() -> ServiceConfig.parse(new String[0], Map.of("HANGAR_ACCESS_KEY_ID", "AKIAENV000001")))
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> ServiceConfig.parse(new String[0], Map.of("HANGAR_ACCESS_KEY_ID", "AKIAENV000001",
        "HANGAR_SECRET_ACCESS_KEY", "tiny"))).hasMessageContaining("HANGAR_SECRET_ACCESS_KEY").satisfies(
            e -> assertThat(e.getMessage()).doesNotContain("tiny"));
  }

  @Test
  void resolve_insecureNoAuth_noPrincipalsNoFile() {
    PrincipalSource.Resolved resolved = PrincipalSource.resolve(config("--insecure-no-auth"), Clock.systemUTC());
    assertThat(resolved.principals()).isEmpty();
    assertThat(Files.exists(dir.resolve("data"))).isFalse();
  }
}
