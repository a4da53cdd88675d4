package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.bootstrap.testing.ExternalTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's quick start verbatim, under a fresh HOME, against the runnable jar. */
class QuickStartIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir
  Path home;

  static String block(String name) throws IOException {
    String readme = Files.readString(REPO.resolve("README.md"));
    String block = readme.substring(readme.indexOf("<!-- " + name + ":begin -->"), readme.indexOf("<!-- " + name + ":end -->"));
    return block.substring(block.indexOf("```bash\n") + "```bash\n".length(), block.lastIndexOf("```"));
  }

  @Test
  void readmeQuickStartAndUpload_freshHome_runToTheEnd() throws Exception {
    ExternalTools.requirePythonClients();
    assertThat(REPO.resolve("bootstrap/target/hangar.jar")).as("the runnable jar is built by mvn package").exists();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String script = "set -euo pipefail\n" + block("quickstart") + "\necho QUICKSTART-DONE\n" + block("upload") + "\necho UPLOAD-DONE\n";
    Path scriptFile = home.resolve("quickstart.sh");
    Files.writeString(scriptFile, script);
    ExternalTools.Result result;
    try {
      result = ExternalTools.run(List.of("setsid", "bash", scriptFile.toString()), null, Map.of(
          "HOME", home.toString(),
          "HANGAR_PORT", Integer.toString(port),
          "AWS_CONFIG_FILE", home.resolve(".aws/config").toString(),
          "AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString()), 180, REPO);
    } finally {
      // The quick start leaves Hangar running in the background, as a user would; stop it.
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains("hangar.jar --port " + port))
          .forEach(ProcessHandle::destroy);
    }
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout()).contains("\"BuildId\": \"build-").contains("\"Bucket\": \"hangar-builds\"").contains("QUICKSTART-DONE");
    String upload = result.stdout().substring(result.stdout().indexOf("QUICKSTART-DONE"));
    assertThat(upload).contains("Successfully uploaded").containsPattern("READY\\s+\\d+").contains("server.sh").contains("UPLOAD-DONE");
    assertThat(Files.exists(home.resolve(".aws"))).as("nothing was read from or written to ~/.aws").isFalse();
  }
}
