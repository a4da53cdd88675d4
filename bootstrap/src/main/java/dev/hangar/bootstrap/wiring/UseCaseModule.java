package dev.hangar.bootstrap.wiring;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.hangar.application.port.in.CreateBuildUseCase;
import dev.hangar.application.port.in.DeleteBuildUseCase;
import dev.hangar.application.port.in.DescribeBuildUseCase;
import dev.hangar.application.port.in.ListBuildsUseCase;
import dev.hangar.application.port.in.ListTagsForResourceUseCase;
import dev.hangar.application.port.in.RequestUploadCredentialsUseCase;
import dev.hangar.application.port.in.ReconcileStorageUseCase;
import dev.hangar.application.port.in.SyncBuildFilesUseCase;
import dev.hangar.application.port.in.TagResourceUseCase;
import dev.hangar.application.port.in.UntagResourceUseCase;
import dev.hangar.application.port.in.UpdateBuildUseCase;
import dev.hangar.application.port.out.BuildIdGenerator;
import dev.hangar.application.port.out.BuildRepository;
import dev.hangar.application.port.out.BuildStorage;
import dev.hangar.application.port.out.CredentialIssuer;
import dev.hangar.application.port.out.UploadStore;
import dev.hangar.adapter.http.s3.S3UseCases;
import dev.hangar.application.port.out.AccountLedger;
import dev.hangar.application.service.BuildUploadService;
import dev.hangar.application.service.CreateBuildService;
import dev.hangar.application.service.DeleteBuildService;
import dev.hangar.application.service.DescribeBuildService;
import dev.hangar.application.service.ListBuildsService;
import dev.hangar.application.service.ListTagsForResourceService;
import dev.hangar.application.service.RequestUploadCredentialsService;
import dev.hangar.application.service.ReconcileStorageService;
import dev.hangar.application.service.SyncBuildFilesService;
import dev.hangar.adapter.filesystem.FileSystemBuildStorage;
import dev.hangar.adapter.filesystem.SqliteBuildRepository;
import dev.hangar.application.service.TagResourceService;
import dev.hangar.application.service.UntagResourceService;
import dev.hangar.application.service.UpdateBuildService;
import dev.hangar.bootstrap.AdapterMode;
import dev.hangar.bootstrap.ServiceConfig;
import dev.hangar.domain.build.BuildPolicy;
import java.time.Clock;
import javax.inject.Singleton;

/** One service per use case, built on whichever outbound ports the graph provides. */
@Module
public interface UseCaseModule {
  @Provides
  @Singleton
  static BuildPolicy buildPolicy(ServiceConfig config) {
    return new BuildPolicy(config.region(), config.defaultOperatingSystem());
  }

  @Provides
  @Singleton
  static CreateBuildUseCase createBuild(BuildRepository builds, BuildStorage storage, CredentialIssuer issuer,
      BuildIdGenerator ids, BuildPolicy policy, AccountLedger ledger, Clock clock) {
    return new CreateBuildService(builds, storage, issuer, ids, policy, ledger, clock);
  }

  @Provides
  @Singleton
  static DescribeBuildUseCase describeBuild(BuildRepository builds, SyncBuildFilesUseCase files, BuildPolicy policy) {
    return new DescribeBuildService(builds, files, policy);
  }

  /** Only where uploads bypass the node (S3 with STS leases) does a read have to look at the files. */
  @Provides
  @Singleton
  static SyncBuildFilesUseCase syncBuildFiles(ServiceConfig config, BuildRepository builds, BuildStorage storage) {
    // The embedded upload endpoint (memory, local) reports every complete object itself; only S3 needs a look on reads.
    return config.adapters() == AdapterMode.AWS ? new SyncBuildFilesService(builds, storage) : SyncBuildFilesUseCase.NONE;
  }

  @Provides
  @Singleton
  static dev.hangar.application.port.in.AccountOverviewUseCase accountOverview(BuildRepository builds,
      dev.hangar.application.port.out.UploadStore uploads) {
    return new dev.hangar.application.service.AccountOverviewService(builds, uploads);
  }

  @Provides
  @Singleton
  static ListBuildsUseCase listBuilds(BuildRepository builds, SyncBuildFilesUseCase files) {
    return new ListBuildsService(builds, files);
  }

  @Provides
  @Singleton
  static UpdateBuildUseCase updateBuild(BuildRepository builds, BuildPolicy policy) {
    return new UpdateBuildService(builds, policy);
  }

  @Provides
  @Singleton
  static DeleteBuildUseCase deleteBuild(BuildRepository builds, BuildStorage storage, BuildPolicy policy, AccountLedger ledger) {
    return new DeleteBuildService(builds, storage, policy, ledger);
  }

  @Provides
  @Singleton
  static RequestUploadCredentialsUseCase requestUploadCredentials(BuildRepository builds, CredentialIssuer issuer,
      BuildPolicy policy, Clock clock) {
    return new RequestUploadCredentialsService(builds, issuer, policy, clock);
  }

  @Provides
  @Singleton
  static TagResourceUseCase tagResource(BuildRepository builds, BuildPolicy policy) {
    return new TagResourceService(builds, policy);
  }

  @Provides
  @Singleton
  static UntagResourceUseCase untagResource(BuildRepository builds, BuildPolicy policy) {
    return new UntagResourceService(builds, policy);
  }

  @Provides
  @Singleton
  static BuildUploadService buildUploads(BuildRepository builds, BuildStorage storage, UploadStore uploads, ServiceConfig config,
      AccountLedger ledger, Clock clock) {
    return new BuildUploadService(builds, storage, uploads, config.uploadLimits(), ledger, clock);
  }

  @Provides
  static S3UseCases s3UseCases(BuildUploadService uploads) {
    return new S3UseCases(uploads, uploads, uploads, uploads, uploads, uploads, uploads);
  }

  @Provides
  @Singleton
  static ListTagsForResourceUseCase listTagsForResource(BuildRepository builds, BuildPolicy policy) {
    return new ListTagsForResourceService(builds, policy);
  }

  /**
   * What a durable node runs before it serves: its catalog and files brought back into agreement (with the full
   * sync of a build with its files, whatever reads use). Nodes that keep nothing, or keep it in S3, have nothing
   * to reconcile.
   */
  @Provides
  @Singleton
  static ReconcileStorageUseCase reconcileStorage(ServiceConfig config, Lazy<SqliteBuildRepository> catalog, BuildRepository builds,
      Lazy<FileSystemBuildStorage> files, BuildStorage storage) {
    if (config.adapters() != AdapterMode.LOCAL) {
      return () -> new ReconcileStorageUseCase.Report(0, 0, 0);
    }
    return new ReconcileStorageService(catalog.get(), builds, files.get(), storage, new SyncBuildFilesService(builds, storage));
  }
}
