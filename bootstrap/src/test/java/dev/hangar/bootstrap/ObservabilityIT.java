package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Await;
import dev.hangar.bootstrap.testing.CborCalls;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.RawSigner;
import dev.hangar.bootstrap.testing.Uploads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.NotFoundException;
import software.amazon.awssdk.services.gamelift.model.RequestUploadCredentialsResponse;

/**
 * A scripted workload against the jar on its durable default (both protocols, an upload, refusals), then the scrape
 * and the access log: the scrape parses with Debian's Prometheus parser and its counters are the calls made, per
 * operation and error code, and the bytes uploaded; neither the scrape nor anything the node printed holds an id, a
 * key, a secret, a token or a signature of the workload; the JSON access log has one line per request with its fields.
 */
class ObservabilityIT {
  private static final String UNKNOWN_BUILD = "build-00000000-0000-0000-0000-000000000000";
  private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  /** Every request an SDK client sent, and the secrets in its headers. */
  private static final class Recorder implements ExecutionInterceptor {
    final AtomicInteger sent = new AtomicInteger();
    final List<String> secrets = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      sent.incrementAndGet();
      context.httpRequest().firstMatchingHeader("Authorization").ifPresent(auth -> {
        Matcher m = SIGNATURE.matcher(auth);
        while (m.find()) {
          secrets.add(m.group(1));
        }
      });
      context.httpRequest().firstMatchingHeader("X-Amz-Security-Token").ifPresent(secrets::add);
    }
  }

  @Test
  void scrapeCountsTheWorkload_accessLogHasALinePerRequest_andNeitherHoldsASecret() throws Exception {
    ExternalTools.requirePrometheusParser();
    Path data = dir.resolve("data");
    try (JarNode node = JarNode.start(data, List.of(), List.of(), List.of("--log-format", "json"))) {
      URI endpoint = node.endpoint();
      Recorder gameLiftCalls = new Recorder();
      Recorder s3Calls = new Recorder();
      List<String> secrets = new ArrayList<>(List.of(Clients.SECRET_ACCESS_KEY));
      int rawCalls = 0;
      byte[] zip = TestZips.gameServer();
      String buildId;
      try (GameLiftClient gameLift = Clients.gameLiftNoRetry(endpoint, gameLiftCalls)) {
        Uploads upload = Uploads.newBuild(gameLift, "observed");
        buildId = upload.buildId();
        secrets.add(upload.keys().secret());
        secrets.add(upload.keys().token());
        gameLift.describeBuild(b -> b.buildId(buildId));
        gameLift.listBuilds(b -> b.limit(5));
        RequestUploadCredentialsResponse more = gameLift.requestUploadCredentials(b -> b.buildId(buildId));
        secrets.add(more.uploadCredentials().secretAccessKey());
        secrets.add(more.uploadCredentials().sessionToken());
        for (int i = 0; i < 2; i++) {
          assertThatThrownBy(() -> gameLift.describeBuild(b -> b.buildId(UNKNOWN_BUILD))).isInstanceOf(NotFoundException.class);
        }
        try (var s3 = Uploads.s3(endpoint, software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
            upload.keys().accessKeyId(), upload.keys().secret(), upload.keys().token()), s3Calls)) {
          s3.putObject(b -> b.bucket(upload.location().bucket()).key(upload.location().key()), RequestBody.fromBytes(zip));
        }
      }
      CborCalls.Reply cbor = CborCalls.call(endpoint, "DescribeBuild", new CBORMapper().writeValueAsBytes(Map.of("BuildId", buildId)));
      rawCalls++;
      assertThat(cbor.status()).isEqualTo(200);
      String describe = "{\"BuildId\":\"" + buildId + "\"}";
      HttpResponse<String> wrongSecret = RawSigner.call(endpoint, "DescribeBuild", describe, Clients.ACCESS_KEY_ID,
          "not-the-secret-of-this-key-00000000000000", Clock.systemUTC(), "us-west-2", "gamelift");
      rawCalls++;
      assertThat(wrongSecret.body()).contains("InvalidSignatureException");
      HttpResponse<String> unknownKey = RawSigner.call(endpoint, "DescribeBuild", describe, "AKIAUNKNOWNKEY000000",
          "not-the-secret-of-this-key-00000000000000", Clock.systemUTC(), "us-west-2", "gamelift");
      rawCalls++;
      assertThat(unknownKey.body()).contains("UnrecognizedClientException");
      secrets.addAll(gameLiftCalls.secrets);
      secrets.addAll(s3Calls.secrets);

      HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_hangar/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      Map<String, Double> samples = parse(scrape.body());

      assertThat(samples).containsEntry("hangar_requests_total{error_code=none,operation=CreateBuild,protocol=json}", 1.0)
          .containsEntry("hangar_requests_total{error_code=none,operation=DescribeBuild,protocol=json}", 1.0)
          .containsEntry("hangar_requests_total{error_code=NotFoundException,operation=DescribeBuild,protocol=json}", 2.0)
          .containsEntry("hangar_requests_total{error_code=none,operation=ListBuilds,protocol=json}", 1.0)
          .containsEntry("hangar_requests_total{error_code=none,operation=RequestUploadCredentials,protocol=json}", 1.0)
          .containsEntry("hangar_requests_total{error_code=InvalidSignatureException,operation=DescribeBuild,protocol=json}", 1.0)
          .containsEntry("hangar_requests_total{error_code=UnrecognizedClientException,operation=DescribeBuild,protocol=json}", 1.0)
          .containsEntry("hangar_requests_total{error_code=none,operation=DescribeBuild,protocol=cbor}", 1.0)
          .containsEntry("hangar_requests_total{error_code=none,operation=PutObject,protocol=s3}", 1.0)
          .containsEntry("hangar_upload_bytes_total{}", (double) zip.length)
          .containsEntry("hangar_leases_issued_total{}", 2.0)
          .containsEntry("hangar_auth_refusals_total{protocol=json,reason=SIGNATURE_MISMATCH}", 1.0)
          .containsEntry("hangar_auth_refusals_total{protocol=json,reason=UNKNOWN_ACCESS_KEY}", 1.0)
          .containsEntry("hangar_request_duration_seconds_count{operation=DescribeBuild,protocol=cbor}", 1.0)
          .containsEntry("hangar_uploads_in_flight{}", 0.0);
      double counted = samples.entrySet().stream().filter(e -> e.getKey().startsWith("hangar_requests_total{"))
          .mapToDouble(Map.Entry::getValue).sum();
      int requests = gameLiftCalls.sent.get() + s3Calls.sent.get() + rawCalls;
      assertThat(counted).as("every request but the scrape, counted once").isEqualTo(requests);
      assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_memory_used_bytes"));
      List<String> identifiers = new ArrayList<>(List.of(buildId, "123456789012", Clients.ACCESS_KEY_ID, "observed"));
      identifiers.addAll(secrets);
      for (String identifier : identifiers) {
        assertThat(scrape.body()).as("the scrape holds no id, name, key or secret").doesNotContain(identifier);
      }

      // The access log: one JSON line per request (the scrape included), written by the node's log writer.
      int expectedLines = requests + 1;
      // The writer flushes when its queue empties: wait for the lines to reach the file.
      Await.until(() -> accessLines(node.stderr()).size() >= expectedLines, 10, expectedLines + " access-log lines");
      List<JsonNode> lines = accessLines(node.stderr());
      assertThat(lines).hasSize(expectedLines);
      for (JsonNode line : lines) {
        assertThat(line.fieldNames()).toIterable().contains("time", "level", "request_id", "protocol", "operation", "status",
            "error_code", "latency_ms", "bytes_in", "bytes_out");
        assertThat(line.get("status").isInt()).isTrue();
      }
      assertThat(lines).filteredOn(l -> l.get("operation").asText().equals("PutObject"))
          .singleElement().satisfies(l -> {
            assertThat(l.get("bytes_stored").asLong()).isEqualTo(zip.length);
            assertThat(l.get("protocol").asText()).isEqualTo("s3");
          });
      assertThat(lines).filteredOn(l -> l.get("error_code").asText().equals("InvalidSignatureException"))
          .singleElement().satisfies(l -> assertThat(l.get("auth_refusal").asText()).isEqualTo("SIGNATURE_MISMATCH"));
      String output = node.stdout() + node.stderr();
      for (String secret : secrets) {
        assertThat(output).as("no secret, token or signature of the flow in the node's output").doesNotContain(secret);
      }
      assertThat(secrets).hasSizeGreaterThan(8);
    }
  }

  /** The samples, as {@code name{sorted labels}} to value, through Debian's parser (which fails on a malformed scrape). */
  private static Map<String, Double> parse(String scrape) {
    ExternalTools.Result parsed = ExternalTools.run(List.of(ExternalTools.DEBIAN_PYTHON,
        ExternalTools.PYTHON_DIR.resolve("prom_parse.py").toString()), scrape, Map.of(), 60);
    assertThat(parsed.exitCode()).as("the scrape parses: " + parsed.stderr()).isZero();
    Map<String, Double> samples = new HashMap<>();
    for (String line : parsed.stdout().split("\n")) {
      String[] fields = line.split("\t");
      if (fields.length == 3) {
        samples.put(fields[0] + "{" + fields[1] + "}", Double.parseDouble(fields[2]));
      }
    }
    return samples;
  }

  private static List<JsonNode> accessLines(String stderr) {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      if (line.startsWith("{")) {
        try {
          JsonNode node = json.readTree(line);
          if (node.path("logger").asText().equals("hangar.access")) {
            lines.add(node);
          }
        } catch (java.io.IOException e) {
          throw new AssertionError("a log line that is not JSON: " + line, e);
        }
      }
    }
    return lines;
  }
}
