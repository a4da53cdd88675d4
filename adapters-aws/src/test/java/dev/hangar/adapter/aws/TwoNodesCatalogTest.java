package dev.hangar.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildArchive;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.Tag;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.StoredObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Two nodes, each with its own catalog client, on one moto S3. A barrier in each node's S3 client makes both
 * read the build before either writes (the interleaving that loses an update without conditional writes).
 * The design: both changes survive, because the loser's If-Match write fails with 412 and it re-applies its
 * change to what the winner wrote.
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

  private S3Client s3;
  private BarrierS3 nodeA;
  private BarrierS3 nodeB;
  private S3BuildRepository catalogA;
  private S3BuildRepository catalogB;
  private ExecutorService pool;

  @BeforeEach
  void start() {
    Moto moto = Moto.server();
    s3 = moto.s3();
    BucketName bucket = new BucketName(moto.freshBucket(s3));
    CyclicBarrier barrier = new CyclicBarrier(2);
    nodeA = new BarrierS3(moto.s3(), barrier);
    nodeB = new BarrierS3(moto.s3(), barrier);
    catalogA = new S3BuildRepository(nodeA, bucket, "catalog.");
    catalogB = new S3BuildRepository(nodeB, bucket, "catalog.");
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private Build race(Build stored, UnaryOperator<Build> onA, UnaryOperator<Build> onB) throws Exception {
    catalogA.add(stored);
    nodeA.armed.set(true);
    nodeB.armed.set(true);
    Future<Optional<Build>> a = pool.submit(() -> catalogA.update(stored.owner(), stored.id(), onA));
    Future<Optional<Build>> b = pool.submit(() -> catalogB.update(stored.owner(), stored.id(), onB));
    a.get(30, TimeUnit.SECONDS);
    b.get(30, TimeUnit.SECONDS);
    return catalogA.find(stored.owner(), stored.id()).orElseThrow();
  }

  private static Build newBuild() {
    AccountId owner = TestBuilds.freshAccount();
    return TestBuilds.newBuild(owner);
  }

  @Test
  void nameOnlyAgainstVersionOnly_bothChangesSurvive() throws Exception {
    Build result = race(newBuild(),
        b -> b.describeAs(Optional.of(new FreeText("new-name")), Optional.empty()),
        b -> b.describeAs(Optional.empty(), Optional.of(new FreeText("9.9"))));
    assertThat(result.name()).contains(new FreeText("new-name"));
    assertThat(result.version()).contains(new FreeText("9.9"));
  }

  @Test
  void tagResourceAgainstUpdateBuild_bothChangesSurvive() throws Exception {
    Build result = race(newBuild(),
        b -> b.tag(List.of(new Tag("stage", "prod"))),
        b -> b.describeAs(Optional.of(new FreeText("renamed")), Optional.empty()));
    assertThat(result.tags().asList()).containsExactly(new Tag("stage", "prod"));
    assertThat(result.name()).contains(new FreeText("renamed"));
  }

  @Test
  void readyTransitionAgainstUpdateBuild_bothChangesSurvive() throws Exception {
    StoredObject object = new StoredObject(1234, "\"etag\"", "v1");
    Build result = race(newBuild(),
        b -> b.status() == BuildStatus.INITIALIZED ? b.acceptFiles(object, BuildArchive.Verdict.USABLE) : b,
        b -> b.describeAs(Optional.empty(), Optional.of(new FreeText("2.0"))));
    assertThat(result.status()).isEqualTo(BuildStatus.READY);
    assertThat(result.sizeOnDisk()).isEqualTo(1234);
    assertThat(result.version()).contains(new FreeText("2.0"));
  }
}
