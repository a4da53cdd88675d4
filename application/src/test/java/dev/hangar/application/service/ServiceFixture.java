package dev.hangar.application.service;

import dev.hangar.application.fixture.FakeBuildIds;
import dev.hangar.application.fixture.FakeBuildRepository;
import dev.hangar.application.fixture.FakeBuildStorage;
import dev.hangar.application.fixture.FakeCredentialIssuer;
import dev.hangar.application.fixture.MutableClock;
import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.port.in.CreateBuildCommand;
import dev.hangar.application.port.out.AccountLedger;
import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildPolicy;
import dev.hangar.domain.build.BuildReference;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.build.Tags;
import dev.hangar.domain.storage.UploadLimits;
import java.util.Optional;

/** Every service wired to fresh fakes. */
final class ServiceFixture {
  static final long MIB = 1024 * 1024;
  final FakeBuildRepository builds = new FakeBuildRepository();
  final FakeBuildStorage storage = new FakeBuildStorage();
  final FakeCredentialIssuer issuer = new FakeCredentialIssuer();
  final MutableClock clock = new MutableClock(TestBuilds.T0);
  final BuildPolicy policy = new BuildPolicy(TestBuilds.REGION, OperatingSystem.AMAZON_LINUX_2023);
  final AccountId caller = TestBuilds.freshAccount();

  /** Small byte limits, so that tests reach them: 5 MiB parts, 12 MiB objects, 20 MiB per account. */
  final UploadLimits limits = new UploadLimits(5 * MIB, 12 * MIB, 20 * MIB);
  final AccountLedger ledger;
  final CreateBuildService create;
  final SyncBuildFilesService sync = new SyncBuildFilesService(builds, storage);
  final DescribeBuildService describe = new DescribeBuildService(builds, sync, policy);
  final ListBuildsService list = new ListBuildsService(builds, sync);
  final UpdateBuildService update = new UpdateBuildService(builds, policy);
  final DeleteBuildService delete;
  final RequestUploadCredentialsService credentials = new RequestUploadCredentialsService(builds, issuer, policy, clock);
  final TagResourceService tag = new TagResourceService(builds, policy);
  final UntagResourceService untag = new UntagResourceService(builds, policy);
  final ListTagsForResourceService listTags = new ListTagsForResourceService(builds, policy);

  /** Services that keep no account limit (the ledger's own contract test and AccountLimitsIT show them kept). */
  ServiceFixture() {
    this(AccountLedger.NOT_KEPT);
  }

  ServiceFixture(AccountLedger ledger) {
    this.ledger = ledger;
    create = new CreateBuildService(builds, storage, issuer, new FakeBuildIds(), policy, ledger, clock);
    delete = new DeleteBuildService(builds, storage, policy, ledger);
  }

  Build createBuild() {
    return create.createBuild(new CreateBuildCommand(caller, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Tags.NONE, Optional.empty())).build();
  }

  BuildReference byId(Build build) {
    return BuildReference.of(build.id());
  }

  BuildReference byArn(Build build) {
    return BuildReference.parseIdOrArn("BuildId", build.arn().value());
  }
}
