package dev.hangar.adapter.http.console;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import dev.hangar.application.port.in.AccountOverview;
import dev.hangar.application.port.in.AccountOverviewUseCase;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.Tag;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only console at {@value #PATH}: a page, its script and style (served from the jar) and the account's
 * data as JSON, which the script fetches every second. Access is by the account's console token: {@code
 * ?token=…} once, exchanged for an {@code HttpOnly}, {@code SameSite=Strict} cookie and a redirect that drops the
 * token from the address; without a valid cookie every console resource is 401. Every reply forbids inline script
 * and any other origin (Content-Security-Policy), sends no referrer and is not cached.
 */
public final class ConsoleHandler implements HttpHandler {
  public static final String PATH = "/_hangar/console";
  static final String COOKIE = "hangar-console";
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
      + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final JsonFactory JSON = new JsonFactory();
  private static final Map<String, Asset> ASSETS = Map.of(
      PATH, Asset.load("console.html", "text/html; charset=utf-8"),
      PATH + "/console.js", Asset.load("console.js", "text/javascript; charset=utf-8"),
      PATH + "/console.css", Asset.load("console.css", "text/css; charset=utf-8"));

  private final ConsoleTokens tokens;
  private final AccountOverviewUseCase overview;
  private final Clock clock;

  public ConsoleHandler(ConsoleTokens tokens, AccountOverviewUseCase overview, Clock clock) {
    this.tokens = tokens;
    this.overview = overview;
    this.clock = clock;
  }

  /** Whether the request is for the console (its page, its assets or its data). */
  public static boolean addresses(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this); // the catalog may be SQLite on disk
      return;
    }
    secure(exchange);
    if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
      text(exchange, StatusCodes.METHOD_NOT_ALLOWED, "Method Not Allowed\n");
      return;
    }
    String path = exchange.getRequestPath();
    Deque<String> offered = exchange.getQueryParameters().get("token");
    if (path.equals(PATH) && offered != null) {
      Optional<AccountId> account = tokens.accountOf(offered.peekFirst());
      if (account.isEmpty()) {
        text(exchange, StatusCodes.UNAUTHORIZED, "401 Unauthorized: that console link is not valid for this node.\n");
        return;
      }
      Cookie cookie = new CookieImpl(COOKIE, offered.peekFirst()).setHttpOnly(true).setSameSiteMode("Strict")
          .setPath(PATH).setSecure(exchange.isSecure());
      exchange.setResponseCookie(cookie);
      exchange.getResponseHeaders().put(Headers.LOCATION, PATH);
      text(exchange, StatusCodes.SEE_OTHER, "See " + PATH + "\n");
      return;
    }
    Cookie presented = exchange.getRequestCookie(COOKIE);
    Optional<AccountId> account = presented == null ? Optional.empty() : tokens.accountOf(presented.getValue());
    if (account.isEmpty()) {
      text(exchange, StatusCodes.UNAUTHORIZED,
          "401 Unauthorized: open the console link that the node wrote into <data-dir>/console-url.\n");
      return;
    }
    if (path.equals(PATH + "/data")) {
      send(exchange, StatusCodes.OK, "application/json", data(account.get()));
      return;
    }
    Asset asset = ASSETS.get(path);
    if (asset == null) {
      text(exchange, StatusCodes.NOT_FOUND, "404 Not Found\n");
      return;
    }
    send(exchange, StatusCodes.OK, asset.type(), asset.bytes());
  }

  private byte[] data(AccountId account) throws IOException {
    AccountOverview view = overview.overview(account);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("account", account.value());
      json.writeStringField("time", clock.instant().toString());
      json.writeBooleanField("truncated", view.truncated());
      json.writeArrayFieldStart("builds");
      for (Build build : view.builds()) {
        json.writeStartObject();
        json.writeStringField("id", build.id().value());
        json.writeStringField("name", build.name().map(FreeText::value).orElse(""));
        json.writeStringField("version", build.version().map(FreeText::value).orElse(""));
        json.writeStringField("status", build.status().name());
        json.writeNumberField("size", build.sizeOnDisk());
        json.writeStringField("operatingSystem", build.operatingSystem().name());
        json.writeStringField("creationTime", build.creationTime().toString());
        json.writeArrayFieldStart("tags");
        for (Tag tag : build.tags().asList()) {
          json.writeStartObject();
          json.writeStringField("key", tag.key());
          json.writeStringField("value", tag.value());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("uploads");
      for (AccountOverview.UploadInProgress upload : view.uploads()) {
        json.writeStartObject();
        json.writeStringField("buildId", upload.build().value());
        json.writeNumberField("bytesReceived", upload.bytesReceived());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void secure(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(new HttpString("Content-Security-Policy"), CSP);
    exchange.getResponseHeaders().put(new HttpString("Referrer-Policy"), "no-referrer");
    exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
    exchange.getResponseHeaders().put(new HttpString("X-Frame-Options"), "DENY");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
  }

  private static void text(HttpServerExchange exchange, int status, String body) {
    send(exchange, status, "text/plain; charset=utf-8", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void send(HttpServerExchange exchange, int status, String type, byte[] body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  private record Asset(String type, byte[] bytes) {
    static Asset load(String name, String type) {
      try (InputStream in = ConsoleHandler.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("the console's " + name + " is missing from the jar");
        }
        return new Asset(type, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
