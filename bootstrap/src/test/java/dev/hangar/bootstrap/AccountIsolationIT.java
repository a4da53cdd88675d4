package dev.hangar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.bootstrap.testing.TestConfigs;
import dev.hangar.domain.build.AccountId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.Build;
import software.amazon.awssdk.services.gamelift.model.NotFoundException;
import software.amazon.awssdk.services.gamelift.model.Tag;

/**
 * Two accounts on one node: every operation that names a build, by id and by ARN (with and without the
 * owner's account in it), finds nothing when the caller is the other account, with the very message a
 * build that never existed gets; and listings never cross.
 */
class AccountIsolationIT {
  private static final AccountId ALICE = new AccountId("111111111111");
  private static final AccountId BOB = new AccountId("222222222222");
  private static Hangar hangar;
  private static GameLiftClient alice;
  private static GameLiftClient bob;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(TestConfigs.node().withPort(0)
        .withPrincipal("AKIAALICE00000001", "alice-secret-0000000001", ALICE)
        .withPrincipal("AKIABOB0000000002", "bob-secret-00000000002", BOB), Clock.systemUTC());
    alice = client("AKIAALICE00000001", "alice-secret-0000000001");
    bob = client("AKIABOB0000000002", "bob-secret-00000000002");
  }

  @AfterAll
  static void stop() {
    alice.close();
    bob.close();
    hangar.close();
  }

  private static GameLiftClient client(String accessKeyId, String secret) {
    return GameLiftClient.builder().endpointOverride(hangar.endpoint()).region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** How a caller names a build: its id, its ARN, or its ARN with the owner's account field. */
  enum Naming {
    ID, ARN, ARN_WITH_ACCOUNT;

    String name(Build build, AccountId owner) {
      return switch (this) {
        case ID -> build.buildId();
        case ARN -> build.buildArn();
        case ARN_WITH_ACCOUNT -> build.buildArn().replace("::build/", ":" + owner.value() + ":build/");
      };
    }
  }

  static Stream<Arguments> operations() {
    List<Arguments> out = new ArrayList<>();
    List<Object[]> byBuildId = List.of(
        new Object[] {"DescribeBuild", (BiConsumer<GameLiftClient, String>) (c, id) -> c.describeBuild(b -> b.buildId(id))},
        new Object[] {"UpdateBuild", (BiConsumer<GameLiftClient, String>) (c, id) -> c.updateBuild(b -> b.buildId(id).name("stolen"))},
        new Object[] {"DeleteBuild", (BiConsumer<GameLiftClient, String>) (c, id) -> c.deleteBuild(b -> b.buildId(id))},
        new Object[] {"RequestUploadCredentials", (BiConsumer<GameLiftClient, String>) (c, id) -> c.requestUploadCredentials(b -> b.buildId(id))});
    List<Object[]> byArn = List.of(
        new Object[] {"TagResource", (BiConsumer<GameLiftClient, String>) (c, arn) -> c.tagResource(b -> b.resourceARN(arn)
            .tags(Tag.builder().key("owner").value("bob").build()))},
        new Object[] {"UntagResource", (BiConsumer<GameLiftClient, String>) (c, arn) -> c.untagResource(b -> b.resourceARN(arn).tagKeys("team"))},
        new Object[] {"ListTagsForResource", (BiConsumer<GameLiftClient, String>) (c, arn) -> c.listTagsForResource(b -> b.resourceARN(arn))});
    for (Naming naming : Naming.values()) {
      byBuildId.forEach(op -> out.add(Arguments.of(op[0], naming, op[1])));
      if (naming != Naming.ID) {
        byArn.forEach(op -> out.add(Arguments.of(op[0], naming, op[1])));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("operations")
  void otherAccountsBuild_everyOperation_notFoundLikeNeverExisted(String operation, Naming naming,
      BiConsumer<GameLiftClient, String> call) {
    Build owned = alice.createBuild(b -> b.name("alice-game").tags(Tag.builder().key("team").value("a").build())).build();
    String neverId = "build-" + UUID.randomUUID();
    Build missing = owned.toBuilder().buildId(neverId).buildArn("arn:aws:gamelift:us-west-2::build/" + neverId).build();

    String strangerMessage = notFoundMessage(() -> call.accept(bob, naming.name(owned, ALICE)));
    String neverMessage = notFoundMessage(() -> call.accept(alice, naming.name(missing, ALICE)));
    assertThat(strangerMessage.replace(owned.buildId(), "<id>")).isEqualTo(neverMessage.replace(missing.buildId(), "<id>"));

    Build after = alice.describeBuild(b -> b.buildId(owned.buildId())).build();
    assertThat(after).as("%s by the other account changed nothing", operation).isEqualTo(owned);
    assertThat(alice.listTagsForResource(b -> b.resourceARN(owned.buildArn())).tags()).extracting(Tag::key).containsExactly("team");
  }

  @Test
  void listBuilds_twoAccounts_neverCross() {
    List<String> alices = new ArrayList<>();
    List<String> bobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      alices.add(alice.createBuild(b -> b.name("a")).build().buildId());
      bobs.add(bob.createBuild(b -> b.name("b")).build().buildId());
    }
    List<String> seenByAlice = new ArrayList<>();
    alice.listBuildsPaginator(b -> b.limit(2)).builds().forEach(b -> seenByAlice.add(b.buildId()));
    List<String> seenByBob = new ArrayList<>();
    bob.listBuildsPaginator(b -> b.limit(2)).builds().forEach(b -> seenByBob.add(b.buildId()));
    assertThat(seenByAlice).containsAll(alices).doesNotContainAnyElementsOf(bobs);
    assertThat(seenByBob).containsAll(bobs).doesNotContainAnyElementsOf(seenByAlice);
  }

  @Test
  void listBuilds_otherAccountsNextToken_refused() {
    alice.createBuild(b -> b.name("a1"));
    alice.createBuild(b -> b.name("a2"));
    String token = alice.listBuilds(b -> b.limit(1)).nextToken();
    assertThatThrownBy(() -> bob.listBuilds(b -> b.limit(1).nextToken(token)))
        .isInstanceOf(software.amazon.awssdk.services.gamelift.model.InvalidRequestException.class)
        .hasMessageContaining("NextToken");
  }

  private static String notFoundMessage(Runnable call) {
    try {
      call.run();
    } catch (NotFoundException e) {
      assertThat(e.statusCode()).isEqualTo(400);
      return e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("expected NotFoundException");
  }
}
