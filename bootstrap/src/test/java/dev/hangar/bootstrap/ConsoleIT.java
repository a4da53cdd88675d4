package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.application.fixture.TestZips;
import dev.hangar.bootstrap.testing.Clients;
import dev.hangar.bootstrap.testing.ExternalTools;
import dev.hangar.bootstrap.testing.JarNode;
import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.bootstrap.testing.Uploads;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The console in headless Chromium (Debian's chromium and chromedriver, driven by Selenium), against the jar on its
 * durable default with two accounts: the link from {@code console-url} shows a build made through the SDK as
 * INITIALIZED, then READY with its size once its upload finishes, without a reload, and an upload in progress with
 * the bytes its parts hold; a hostile name is text and runs
 * nothing; without the cookie the page and its data are 401; the other account's link shows none of these builds;
 * no token appears in the node's output, and the tokens survive a restart.
 */
class ConsoleIT {
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";
  private static final String OTHER_ACCOUNT = "210987654321";
  private static final String OTHER_KEY = "AKIAHANGAROTHERKEY02";
  private static final String OTHER_SECRET = "hangar-other-secret-key-not-a-real-one00";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void console_showsBuildsLive_escapesNames_andKeepsAccountsApart() throws Exception {
    ExternalTools.requireChromium();
    Path principals = dir.resolve("principals.json");
    Files.writeString(principals, "{\"principals\":[{\"accountId\":\"" + OTHER_ACCOUNT + "\",\"accessKeyId\":\"" + OTHER_KEY
        + "\",\"secretAccessKey\":\"" + OTHER_SECRET + "\"}]}");
    Path data = dir.resolve("data");
    Map<String, String> links;
    String firstStdout;
    try (JarNode node = JarNode.start(data, List.of(), List.of(), List.of("--principals", principals.toString()));
        GameLiftClient gameLift = Clients.gameLift(node.endpoint())) {
      links = readLinks(data.resolve("console-url"));
      assertThat(links).containsOnlyKeys(TestConfigs.ACCOUNT.value(), OTHER_ACCOUNT);
      assertThat(Files.getPosixFilePermissions(data.resolve("console-url"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String mine = links.get(TestConfigs.ACCOUNT.value());
      assertThat(mine).startsWith(node.endpoint() + "/_hangar/console?token=");

      // Without the cookie: the page and its data are 401.
      HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
      for (String path : List.of("/_hangar/console", "/_hangar/console/data", "/_hangar/console/console.js")) {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(node.endpoint().resolve(path)).timeout(WAIT).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(path).isEqualTo(401);
      }
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(node.endpoint() + "/_hangar/console?token="
          + "A".repeat(43))).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);

      Uploads hostile = Uploads.newBuild(gameLift, HOSTILE);
      WebDriver browser = chromium();
      try {
        browser.get(mine);
        assertThat(browser.getCurrentUrl()).doesNotContain("token=");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(d -> status(d, hostile.buildId()).equals("INITIALIZED"));
        // Marks this page: a reload would lose the mark.
        ((JavascriptExecutor) browser).executeScript("window.hangarTestMark = 'same page';");

        // An upload in progress: one part of a multipart upload, shown with the bytes received.
        Uploads inFlight = Uploads.newBuild(gameLift, "in-flight");
        byte[] part = new byte[5 * 1024 * 1024];
        try (S3Client s3 = inFlight.s3(node.endpoint())) {
          String uploadId = s3.createMultipartUpload(b -> b.bucket(inFlight.location().bucket()).key(inFlight.location().key())).uploadId();
          s3.uploadPart(b -> b.bucket(inFlight.location().bucket()).key(inFlight.location().key()).uploadId(uploadId).partNumber(1),
              RequestBody.fromBytes(part));
        }
        wait.until(d -> d.findElements(By.cssSelector("#uploads tr[data-build-id='" + inFlight.buildId() + "'] td.received"))
            .stream().anyMatch(cell -> cell.getText().contains("(" + part.length + " bytes)")));

        byte[] zip = TestZips.gameServer();
        try (S3Client s3 = hostile.s3(node.endpoint())) {
          s3.putObject(b -> b.bucket(hostile.location().bucket()).key(hostile.location().key()), RequestBody.fromBytes(zip));
        }
        wait.until(d -> status(d, hostile.buildId()).equals("READY"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.hangarTestMark;")).isEqualTo("same page");
        String row = "tr[data-build-id='" + hostile.buildId() + "']";
        assertThat(browser.findElement(By.cssSelector(row + " td.size")).getText()).contains(zip.length + " bytes");
        assertThat(browser.findElement(By.cssSelector(row + " td.name")).getText()).isEqualTo(HOSTILE);
        assertThat(browser.findElements(By.cssSelector("#builds img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        Files.write(Path.of("target", "console-screenshot.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // The other account's link, in the same browser: its cookie replaces this one, and none of these builds shows.
        try (GameLiftClient other = GameLiftClient.builder().endpointOverride(node.endpoint()).region(Region.US_WEST_2)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(OTHER_KEY, OTHER_SECRET))).build()) {
          String theirs = other.createBuild(b -> b.name("theirs")).build().buildId();
          browser.get(links.get(OTHER_ACCOUNT));
          wait.until(d -> status(d, theirs).equals("INITIALIZED"));
          assertThat(browser.findElement(By.id("account")).getText()).isEqualTo(OTHER_ACCOUNT);
          assertThat(browser.findElements(By.cssSelector("tr[data-build-id='" + hostile.buildId() + "']"))).isEmpty();
          assertThat(browser.getPageSource()).doesNotContain(hostile.buildId());
        }
      } finally {
        browser.quit();
      }
      firstStdout = node.stdout() + node.stderr();
      assertThat(firstStdout).contains(data.resolve("console-url").toString());
    }
    for (String link : links.values()) {
      String token = link.substring(link.indexOf("?token=") + "?token=".length());
      assertThat(firstStdout).doesNotContain(token);
    }

    // A later start keeps each account's token (the links stay valid).
    try (JarNode again = JarNode.start(data, List.of(), List.of(), List.of("--principals", principals.toString()))) {
      Map<String, String> later = readLinks(data.resolve("console-url"));
      for (Map.Entry<String, String> link : links.entrySet()) {
        String token = link.getValue().substring(link.getValue().indexOf("?token="));
        assertThat(later.get(link.getKey())).isEqualTo(again.endpoint() + "/_hangar/console" + token);
      }
      String output = again.stdout() + again.stderr();
      for (String link : later.values()) {
        assertThat(output).doesNotContain(link.substring(link.indexOf("?token=") + "?token=".length()));
      }
    }
  }

  private static String status(WebDriver browser, String buildId) {
    List<org.openqa.selenium.WebElement> rows = browser.findElements(By.cssSelector("tr[data-build-id='" + buildId + "'] td.status"));
    return rows.isEmpty() ? "" : rows.get(0).getText();
  }

  private static Map<String, String> readLinks(Path file) throws Exception {
    Map<String, String> links = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] fields = line.split(" ");
      assertThat(fields).as(line).hasSize(2);
      links.put(fields[0], fields[1]);
    }
    return links;
  }

  private static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1400,600");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
