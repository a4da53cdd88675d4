package dev.hangar.junit;

import dev.hangar.bootstrap.AdapterMode;
import dev.hangar.bootstrap.Hangar;
import dev.hangar.bootstrap.PrincipalSource;
import dev.hangar.bootstrap.ServiceConfig;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.credential.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Hangar node for a test class: in memory, on a free loopback port, started before the class's first test and
 * stopped after its last. Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HangarExtension hangar = HangarExtension.builder().freshAccountPerTest().build();
 *
 * @Test
 * void createsABuild() {
 *   HangarKeys keys = hangar.keys();
 *   try (GameLiftClient gameLift = GameLiftClient.builder().endpointOverride(hangar.endpoint())
 *       .region(Region.of(hangar.region())).credentialsProvider(StaticCredentialsProvider.create(
 *           AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()))).build()) {
 *     gameLift.createBuild(b -> b.name("my-server"));
 *   }
 * }
 * }</pre>
 *
 * <p>Every test class that registers one has a node of its own, so classes may run in parallel (JUnit's parallel
 * mode). {@link #keys()} are the class's principal; with {@link Builder#freshAccountPerTest()}, each test method gets
 * a principal in an account of its own, added to the node before the method, so that no test sees another's
 * builds. {@link #clock()} is the node's only clock. The extension uses no AWS SDK: the test brings its own.
 */
public final class HangarExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final boolean freshAccountPerTest;
  private final UnaryOperator<ServiceConfig.Builder> configuration;
  private final ThreadLocal<HangarKeys> methodKeys = new ThreadLocal<>();
  private final AtomicLong accounts = new AtomicLong(100_000_000_000L);
  private int depth;
  private Hangar node;
  private HangarClock clock;
  private HangarKeys classKeys;
  private Path dataDir;

  private HangarExtension(Builder builder) {
    this.freshAccountPerTest = builder.freshAccountPerTest;
    this.configuration = builder.configuration;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The base URL of the node's API and upload endpoint: an SDK's {@code endpointOverride}. */
  public URI endpoint() {
    return running().endpoint();
  }

  /** The node's region, e.g. {@code us-west-2}. */
  public String region() {
    return running().config().region().value();
  }

  /**
   * The keys of the test running on this thread: the method's own account's with {@link Builder#freshAccountPerTest()}
   * (from its {@code @BeforeEach} methods on), the class's otherwise.
   */
  public HangarKeys keys() {
    HangarKeys keys = methodKeys.get();
    if (keys != null) {
      return keys;
    }
    running();
    return classKeys;
  }

  /** Keys in a new, empty account, authenticated by the node from now on (for a test that needs two accounts). */
  public HangarKeys newAccount() {
    Principal principal = running().addPrincipal(new AccountId(Long.toString(accounts.incrementAndGet())));
    return keysOf(principal);
  }

  /** The node's clock: {@link HangarClock#advance} moves the time it sees, for lease and upload expiry. */
  public HangarClock clock() {
    running();
    return clock;
  }

  /** The running node, for what the embedding API offers beyond this extension. */
  public Hangar node() {
    return running();
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) throws IOException {
    if (depth++ > 0) {
      return; // a @Nested class: its enclosing class's node serves it
    }
    dataDir = Files.createTempDirectory("hangar-junit-");
    clock = new HangarClock(Clock.systemUTC());
    Principal principal = PrincipalSource.newPrincipal(new AccountId(Long.toString(accounts.incrementAndGet())));
    ServiceConfig.Builder config = ServiceConfig.defaults().toBuilder().bindAddress("127.0.0.1").port(0).dataDir(dataDir)
        .adapters(AdapterMode.MEMORY).accountId(principal.account()).addPrincipal(principal);
    node = Hangar.start(configuration.apply(config).build(), clock);
    classKeys = keysOf(principal);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (node == null) {
      throw new ExtensionConfigurationException("HangarExtension must be registered in a static field"
          + " (@RegisterExtension static final HangarExtension ...): it starts one node per test class");
    }
    if (freshAccountPerTest) {
      methodKeys.set(newAccount());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    methodKeys.remove();
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) throws IOException {
    if (--depth > 0) {
      return;
    }
    try {
      node.close();
    } finally {
      node = null;
      deleteTree(dataDir);
    }
  }

  private synchronized Hangar running() {
    if (node == null) {
      throw new IllegalStateException("no Hangar node is running: the extension starts one before a test class's"
          + " first test and stops it after its last");
    }
    return node;
  }

  private static HangarKeys keysOf(Principal principal) {
    return new HangarKeys(principal.account().value(), principal.accessKeyId(), principal.secretAccessKey());
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** How the node is made. */
  public static final class Builder {
    private boolean freshAccountPerTest;
    private UnaryOperator<ServiceConfig.Builder> configuration = UnaryOperator.identity();

    private Builder() {
    }

    /** Each test method gets keys in an account of its own ({@link #keys()}), created before it. */
    public Builder freshAccountPerTest() {
      this.freshAccountPerTest = true;
      return this;
    }

    /** How long upload credentials last (at least 15 minutes, as GameLift's). */
    public Builder credentialLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      return configure(config -> config.credentialLifetime(lifetime));
    }

    /**
     * Any other setting of the node ({@link ServiceConfig.Builder}); the extension's own (memory, 127.0.0.1, a free
     * port, a temporary data folder) come first, so a setting given here wins.
     */
    public Builder configure(UnaryOperator<ServiceConfig.Builder> change) {
      Objects.requireNonNull(change, "change");
      UnaryOperator<ServiceConfig.Builder> before = configuration;
      configuration = config -> change.apply(before.apply(config));
      return this;
    }

    public HangarExtension build() {
      return new HangarExtension(this);
    }
  }
}
