package dev.hangar.bootstrap.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The AWS CLI in a fresh HOME, with the test principal's keys and both GameLift and S3 pointed at a node. */
public final class AwsCli {
  private final Map<String, String> env;

  public AwsCli(Path home, URI endpoint) {
    this.env = Map.of(
        "HOME", home.toString(),
        "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString(),
        "AWS_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", Clients.SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION", "us-west-2",
        "AWS_ENDPOINT_URL_GAMELIFT", endpoint.toString(),
        "AWS_ENDPOINT_URL_S3", endpoint.toString());
  }

  public ExternalTools.Result run(long timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>(List.of("aws"));
    command.addAll(List.of(args));
    return ExternalTools.run(command, null, env, timeoutSeconds);
  }
}
