package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.AwsCli;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.JarNode;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.BuildStatus;
import software.amazon.awssdk.services.gamelift.model.CreateBuildResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * HTTPS with a certificate from a CA made here (keytool, from the JDK): the Java SDK, boto3 and the AWS CLI, each
 * trusting only that CA, run the flow and an upload; a key in another format than unencrypted PKCS#8 PEM is refused
 * at start-up with the message that says what is accepted; a non-loopback bind without TLS exits non-zero.
 */
class TlsIT {
  private static final Path JAR = Path.of("target", "hangar.jar").toAbsolutePath();
  private static final String PASS = "changeit";

  @TempDir
  static Path pki;

  static Path ca;
  static Path chain;
  static Path key;
  static byte[] pkcs8;

  @BeforeAll
  static void makeCertificates() throws Exception {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Hangar Test CA",
        "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", PASS);
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-validity", "2", "-keystore", "server.p12", "-storetype", "PKCS12", "-storepass", PASS);
    keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-storepass", PASS, "-file", "server.csr");
    keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASS, "-infile", "server.csr", "-outfile",
        "server.pem", "-rfc", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
    keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASS, "-rfc", "-file", "ca.pem");
    ca = pki.resolve("ca.pem");
    chain = pki.resolve("chain.pem");
    Files.writeString(chain, Files.readString(pki.resolve("server.pem")) + Files.readString(ca));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pki.resolve("server.p12"))) {
      store.load(in, PASS.toCharArray());
    }
    pkcs8 = ((PrivateKey) store.getKey("server", PASS.toCharArray())).getEncoded();
    key = pki.resolve("key.pem");
    Files.writeString(key, pem("PRIVATE KEY", pkcs8));
  }

  @Test
  void javaSdk_boto3_andAwsCli_runTheFlowAndAnUpload_overHttps() throws Exception {
    ExternalTools.requirePythonClients();
    byte[] zip = TestZips.gameServer();
    try (JarNode node = JarNode.start(pki.resolve("data"), List.of(), List.of(),
        List.of("--tls-cert", chain.toString(), "--tls-key", key.toString()))) {
      URI endpoint = node.endpoint();
      assertThat(endpoint.getScheme()).isEqualTo("https");

      // The Java SDK, trusting the test CA only.
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(ca)) {
        trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      managers.init(trust);
      try (SdkHttpClient http = ApacheHttpClient.builder().tlsTrustManagersProvider(managers::getTrustManagers).build();
          GameLiftClient gameLift = GameLiftClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2).httpClient(http)
              .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Clients.ACCESS_KEY_ID,
                  Clients.SECRET_ACCESS_KEY))).build()) {
        CreateBuildResponse created = gameLift.createBuild(b -> b.name("java-over-tls"));
        var lease = created.uploadCredentials();
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_WEST_2).forcePathStyle(true).httpClient(http)
            .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(lease.accessKeyId(),
                lease.secretAccessKey(), lease.sessionToken()))).build()) {
          s3.putObject(b -> b.bucket(created.storageLocation().bucket()).key(created.storageLocation().key()), RequestBody.fromBytes(zip));
        }
        var build = gameLift.describeBuild(b -> b.buildId(created.build().buildId())).build();
        assertThat(build.status()).isEqualTo(BuildStatus.READY);
        assertThat(build.sizeOnDisk()).isEqualTo(zip.length);
      }

      // boto3, verify= the test CA.
      Path zipFile = pki.resolve("server.zip");
      Files.write(zipFile, zip);
      ExternalTools.Result boto = ExternalTools.run(List.of("python3", ExternalTools.PYTHON_DIR.resolve("tls_flow.py").toString(),
          endpoint.toString(), ca.toString(), zipFile.toString()), null,
          Map.of("AWS_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", Clients.SECRET_ACCESS_KEY,
              "AWS_CONFIG_FILE", pki.resolve("none").toString(), "AWS_SHARED_CREDENTIALS_FILE", pki.resolve("none").toString()), 120);
      assertThat(boto.exitCode()).as(boto.stderr()).isZero();
      JsonNode seen = new ObjectMapper().readTree(boto.stdout());
      assertThat(seen.get("status").asText()).isEqualTo("READY");
      assertThat(seen.get("size").asLong()).isEqualTo(zip.length);

      // The AWS CLI: upload-build (its own zip of a folder, to S3) with --ca-bundle.
      Path root = pki.resolve("build-root");
      Files.createDirectories(root);
      Files.writeString(root.resolve("server.sh"), "echo served over tls\n");
      AwsCli cli = new AwsCli(pki, endpoint);
      ExternalTools.Result uploaded = cli.run(180, "gamelift", "upload-build", "--name", "cli-over-tls", "--build-version", "1",
          "--build-root", root.toString(), "--ca-bundle", ca.toString());
      assertThat(uploaded.exitCode()).as(uploaded.stderr()).isZero();
      java.util.regex.Matcher id = java.util.regex.Pattern.compile("Build ID: (build-[0-9a-f-]+)").matcher(uploaded.stdout());
      assertThat(id.find()).as(uploaded.stdout()).isTrue();
      ExternalTools.Result described = cli.run(60, "gamelift", "describe-build", "--build-id", id.group(1), "--ca-bundle",
          ca.toString(), "--query", "Build.Status", "--output", "text");
      assertThat(described.stdout().trim()).as(described.stderr()).isEqualTo("READY");

      // Without the CA, the CLI refuses the certificate: the node is not trusted by default.
      ExternalTools.Result untrusted = cli.run(60, "gamelift", "list-builds");
      assertThat(untrusted.exitCode()).isNotZero();
      assertThat(untrusted.stderr()).containsIgnoringCase("certificate");
    }
  }

  @Test
  void keysInOtherFormats_areRefusedAtStartUp_withWhatIsAccepted() throws Exception {
    assertThat(pkcs8[22]).as("PKCS#8 of RSA: the PKCS#1 key is the OCTET STRING at byte 22").isEqualTo((byte) 0x04);
    Path pkcs1 = pki.resolve("pkcs1.pem");
    Files.writeString(pkcs1, pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length)));
    Path der = pki.resolve("key.der");
    Files.write(der, pkcs8);
    for (Path wrong : List.of(pkcs1, der)) {
      ExternalTools.Result start = startJar(List.of("--tls-cert", chain.toString(), "--tls-key", wrong.toString()));
      assertThat(start.exitCode()).isEqualTo(1);
      assertThat(start.stderr()).contains("--tls-key " + wrong).contains("unencrypted PKCS#8 private key in PEM")
          .contains("openssl pkcs8 -topk8 -nocrypt");
      assertThat(start.stdout()).doesNotContain("Hangar is serving");
    }
    assertThat(startJar(List.of("--tls-cert", chain.toString(), "--tls-key", pkcs1.toString())).stderr())
        .contains("a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY)");
  }

  @Test
  void nonLoopbackBindWithoutTls_exitsNonZero_withAClearMessage() {
    ExternalTools.Result start = startJar(List.of("--bind", "0.0.0.0"));
    assertThat(start.exitCode()).isEqualTo(2);
    assertThat(start.stderr()).contains("--bind 0.0.0.0 is not a loopback address").contains("--tls-cert and --tls-key")
        .contains("--insecure-http");
    assertThat(start.stdout()).doesNotContain("Hangar is serving");
  }

  private static ExternalTools.Result startJar(List<String> options) {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "--port", "0", "--backend", "memory",
        "--data-dir", pki.resolve("refused").toString()));
    command.addAll(options);
    return ExternalTools.run(command, null, Map.of(), 60);
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    ExternalTools.Result result = ExternalTools.run(command, null, Map.of(), 60, pki);
    assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result.stderr() + result.stdout()).isZero();
  }
}
