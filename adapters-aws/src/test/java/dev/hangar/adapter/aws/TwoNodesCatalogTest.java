package dev.hangar.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.Tag;
import dev.hangar.domain.storage.BucketName;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Two nodes, each running the real use cases on its own catalog client, on one moto S3. A barrier in each node's S3 client makes both
 * read the build before either writes (the interleaving that loses an update without conditional writes).
 * The design: both changes survive, because the loser's If-Match write fails with 412 and it re-applies its
 * change to what the winner wrote. Each node's client records the status of every catalog write it sends, so each
 * race also shows that the interleaving happened: one node's write was refused (412, or 409) and written again.
 */
class TwoNodesCatalogTest {
  /** An S3 client whose first GetObject, once armed, waits at the barrier before returning what it read. */
  private static final class BarrierS3 implements S3Client {
    private final S3Client delegate;
    private final CyclicBarrier barrier;
    final AtomicBoolean armed = new AtomicBoolean();

    BarrierS3(S3Client delegate, CyclicBarrier barrier) {
      this.delegate = delegate;
      this.barrier = barrier;
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
      T read = delegate.getObject(request, transformer);
      if (armed.compareAndSet(true, false)) {
        try {
          barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("the other node never read", e);
        }
      }
      return read;
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
      return delegate.putObject(request, body);
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {
    }
  }

  /** The HTTP status of each PutObject a client sends, in order, retries included. */
  private static final class PutStatuses implements ExecutionInterceptor {
    final List<Integer> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
      if (context.request() instanceof PutObjectRequest) {
        statuses.add(context.httpResponse().statusCode());
      }
    }

    /** A write refused because the other node wrote first, then a write of the same node that succeeded. */
    boolean conflictThenRetried() {
      List<Integer> seen = List.copyOf(statuses);
      for (int i = 0; i < seen.size(); i++) {
        if (seen.get(i) == 412 || seen.get(i) == 409) {
          return seen.subList(i + 1, seen.size()).contains(200);
        }
      }
      return false;
    }
  }

  private S3Client s3;
  private BucketName bucket;
  private BarrierS3 nodeA;
  private BarrierS3 nodeB;
  private final PutStatuses writesA = new PutStatuses();
  private final PutStatuses writesB = new PutStatuses();
  private S3BuildRepository catalogA;
  private S3BuildRepository catalogB;
  private ExecutorService pool;

  @BeforeEach
  void start() {
    Moto moto = Moto.server();
    s3 = moto.s3();
    bucket = new BucketName(moto.freshBucket(s3));
    CyclicBarrier barrier = new CyclicBarrier(2);
    nodeA = new BarrierS3(recorded(moto, writesA), barrier);
    nodeB = new BarrierS3(recorded(moto, writesB), barrier);
    catalogA = new S3BuildRepository(nodeA, bucket, "catalog.");
    catalogB = new S3BuildRepository(nodeB, bucket, "catalog.");
    pool = Executors.newFixedThreadPool(2);
  }

  private static S3Client recorded(Moto moto, ExecutionInterceptor recorder) {
    return S3Client.builder().endpointOverride(moto.endpoint()).region(Moto.REGION).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
        .build();
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static Build newBuild() {
    AccountId owner = TestBuilds.freshAccount();
    return TestBuilds.newBuild(owner);
  }

  private static final dev.hangar.domain.build.BuildPolicy POLICY = new dev.hangar.domain.build.BuildPolicy(TestBuilds.REGION,
      dev.hangar.domain.build.OperatingSystem.AMAZON_LINUX_2023);

  private static dev.hangar.application.port.in.UpdateBuildCommand update(Build build, String name, String version) {
    return new dev.hangar.application.port.in.UpdateBuildCommand(build.owner(), dev.hangar.domain.build.BuildReference.of(build.id()),
        Optional.ofNullable(name).map(FreeText::new), Optional.ofNullable(version).map(FreeText::new));
  }

  @Test
  void nameOnlyAgainstVersionOnly_bothChangesSurvive() throws Exception {
    Build stored = newBuild();
    var nodeAUpdate = new dev.hangar.application.service.UpdateBuildService(catalogA, POLICY);
    var nodeBUpdate = new dev.hangar.application.service.UpdateBuildService(catalogB, POLICY);
    Build result = raceUseCases(stored, () -> nodeAUpdate.updateBuild(update(stored, "new-name", null)),
        () -> nodeBUpdate.updateBuild(update(stored, null, "9.9")));
    assertThat(result.name()).contains(new FreeText("new-name"));
    assertThat(result.version()).contains(new FreeText("9.9"));
  }

  @Test
  void tagResourceAgainstUpdateBuild_bothChangesSurvive() throws Exception {
    Build stored = newBuild();
    var nodeATag = new dev.hangar.application.service.TagResourceService(catalogA, POLICY);
    var nodeBUpdate = new dev.hangar.application.service.UpdateBuildService(catalogB, POLICY);
    Build result = raceUseCases(stored,
        () -> {
          nodeATag.tagResource(new dev.hangar.application.port.in.TagResourceCommand(stored.owner(),
              dev.hangar.domain.build.BuildReference.of(stored.id()), List.of(new Tag("stage", "prod"))));
          return null;
        },
        () -> nodeBUpdate.updateBuild(update(stored, "renamed", null)));
    assertThat(result.tags().asList()).containsExactly(new Tag("stage", "prod"));
    assertThat(result.name()).contains(new FreeText("renamed"));
  }

  @Test
  void readyTransitionAgainstUpdateBuild_bothChangesSurvive() throws Exception {
    Build stored = newBuild();
    S3BuildStorage storage = new S3BuildStorage(s3, bucket, dev.hangar.domain.storage.KeyLayout.GAMELIFT, role -> s3);
    var location = storage.locationFor(stored.owner(), stored.id());
    byte[] zip = dev.hangar.application.fixture.TestZips.gameServer();
    s3.putObject(r -> r.bucket(location.bucket().value()).key(location.key().value()), RequestBody.fromBytes(zip));
    var nodeASync = new dev.hangar.application.service.SyncBuildFilesService(catalogA, storage);
    var nodeBUpdate = new dev.hangar.application.service.UpdateBuildService(catalogB, POLICY);
    Build result = raceUseCases(stored, () -> nodeASync.syncBuildFiles(stored), () -> nodeBUpdate.updateBuild(update(stored, null, "2.0")));
    assertThat(result.status()).isEqualTo(BuildStatus.READY);
    assertThat(result.sizeOnDisk()).isEqualTo(zip.length);
    assertThat(result.version()).contains(new FreeText("2.0"));
  }

  /** Runs one use case on each node at once; each node's first catalog read waits until the other node has read too. */
  private Build raceUseCases(Build stored, java.util.concurrent.Callable<?> onA, java.util.concurrent.Callable<?> onB) throws Exception {
    catalogA.add(stored);
    writesA.statuses.clear();
    nodeA.armed.set(true);
    nodeB.armed.set(true);
    Future<?> a = pool.submit(onA);
    Future<?> b = pool.submit(onB);
    a.get(30, TimeUnit.SECONDS);
    b.get(30, TimeUnit.SECONDS);
    assertThat(writesA.conflictThenRetried() || writesB.conflictThenRetried())
        .as("a catalog write refused by the other node's write and written again; PutObject statuses A %s, B %s",
            writesA.statuses, writesB.statuses)
        .isTrue();
    return catalogA.find(stored.owner(), stored.id()).orElseThrow();
  }
}
