package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.ExternalTools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI, unmodified, with --endpoint-url: the whole flow, and the typed errors it can send. */
class AwsCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Hangar hangar;

  @TempDir
  Path home;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(TestConfigs.node(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    hangar.close();
  }

  private ExternalTools.Result aws(String... args) {
    List<String> command = new ArrayList<>(List.of("aws", "gamelift"));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", hangar.endpoint().toString(), "--output", "json"));
    return ExternalTools.run(command, null, Map.of(
        "HOME", home.toString(),
        "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString(),
        "AWS_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", Clients.SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION", "us-west-2"), 60);
  }

  private JsonNode ok(String... args) throws Exception {
    ExternalTools.Result result = aws(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.stderr()).isZero();
    return result.stdout().isBlank() ? JSON.nullNode() : JSON.readTree(result.stdout());
  }

  @Test
  void flow_awsCli_everyOperation() throws Exception {
    ExternalTools.requirePythonClients();
    JsonNode created = ok("create-build", "--name", "cli-game", "--build-version", "1.0", "--operating-system", "AMAZON_LINUX_2",
        "--tags", "Key=team,Value=core");
    String buildId = created.at("/Build/BuildId").asText();
    String arn = created.at("/Build/BuildArn").asText();
    assertThat(created.at("/Build/Status").asText()).isEqualTo("INITIALIZED");
    assertThat(created.at("/UploadCredentials/AccessKeyId").asText()).startsWith("ASIA");
    assertThat(created.at("/StorageLocation/Key").asText()).endsWith(buildId);

    assertThat(ok("describe-build", "--build-id", buildId).at("/Build/Name").asText()).isEqualTo("cli-game");
    assertThat(ok("describe-build", "--build-id", arn).at("/Build/BuildId").asText()).isEqualTo(buildId);
    assertThat(ok("list-builds", "--status", "INITIALIZED").at("/Builds").findValuesAsText("BuildId")).contains(buildId);
    assertThat(ok("update-build", "--build-id", buildId, "--build-version", "1.1").at("/Build/Version").asText()).isEqualTo("1.1");
    assertThat(ok("request-upload-credentials", "--build-id", buildId).at("/UploadCredentials/SecretAccessKey").asText()).hasSize(40);
    ok("tag-resource", "--resource-arn", arn, "--tags", "Key=stage,Value=beta");
    assertThat(ok("list-tags-for-resource", "--resource-arn", arn).at("/Tags").findValuesAsText("Key")).containsExactly("team", "stage");
    ok("untag-resource", "--resource-arn", arn, "--tag-keys", "team");
    assertThat(ok("list-tags-for-resource", "--resource-arn", arn).at("/Tags").findValuesAsText("Key")).containsExactly("stage");
    ok("delete-build", "--build-id", buildId);

    ExternalTools.Result gone = aws("describe-build", "--build-id", buildId);
    assertThat(gone.exitCode()).isEqualTo(255);
    assertThat(gone.stderr()).contains("An error occurred (NotFoundException) when calling the DescribeBuild operation: Build "
        + buildId + " does not exist.");
  }

  @Test
  void errors_awsCli_typedErrorForBadIdAndDottedBucket() {
    ExternalTools.requirePythonClients();
    ExternalTools.Result badId = aws("describe-build", "--build-id", "bad id");
    assertThat(badId.exitCode()).isEqualTo(255);
    assertThat(badId.stderr()).contains("An error occurred (InvalidRequestException) when calling the DescribeBuild operation: "
        + "1 validation error detected: Value 'bad id' at 'BuildId' failed to satisfy constraint");

    ExternalTools.Result dotted = aws("create-build", "--name", "n", "--storage-location",
        "Bucket=my.builds,Key=game.zip,RoleArn=arn:aws:iam::123456789012:role/read");
    assertThat(dotted.exitCode()).isEqualTo(255);
    assertThat(dotted.stderr()).contains("An error occurred (InvalidRequestException) when calling the CreateBuild operation: "
        + "1 validation error detected: Value 'my.builds' at 'Bucket' failed to satisfy constraint: Bucket names containing a dot (.) are not supported");
  }
}
