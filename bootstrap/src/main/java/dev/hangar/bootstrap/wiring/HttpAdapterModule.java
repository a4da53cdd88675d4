package dev.hangar.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.http.CallerResolver;
import dev.hangar.adapter.http.CreateBuildOperation;
import dev.hangar.adapter.http.DeleteBuildOperation;
import dev.hangar.adapter.http.DescribeBuildOperation;
import dev.hangar.adapter.http.GameLiftHandler;
import dev.hangar.adapter.http.GameLiftOperation;
import dev.hangar.adapter.http.ListBuildsOperation;
import dev.hangar.adapter.http.ListTagsForResourceOperation;
import dev.hangar.adapter.http.NextTokens;
import dev.hangar.adapter.http.RequestUploadCredentialsOperation;
import dev.hangar.adapter.http.RootHandler;
import dev.hangar.adapter.http.observe.AccessLog;
import dev.hangar.adapter.http.observe.HttpMetrics;
import dev.hangar.adapter.http.observe.MetricsHandler;
import dev.hangar.adapter.http.observe.RequestObserver;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import dev.hangar.adapter.http.TagResourceOperation;
import dev.hangar.adapter.http.UntagResourceOperation;
import dev.hangar.adapter.http.UpdateBuildOperation;
import dev.hangar.adapter.http.s3.S3Handler;
import dev.hangar.adapter.http.s3.S3UseCases;
import dev.hangar.adapter.http.sigv4.SigV4Verifier;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.application.port.out.PrincipalDirectory;
import dev.hangar.bootstrap.ConsoleAccess;
import dev.hangar.bootstrap.PrincipalSource;
import dev.hangar.bootstrap.ServiceConfig;
import dev.hangar.adapter.http.console.ConsoleHandler;
import dev.hangar.application.port.in.CreateBuildUseCase;
import dev.hangar.application.port.in.DeleteBuildUseCase;
import dev.hangar.application.port.in.DescribeBuildUseCase;
import dev.hangar.application.port.in.ListBuildsUseCase;
import dev.hangar.application.port.in.ListTagsForResourceUseCase;
import dev.hangar.application.port.in.RequestUploadCredentialsUseCase;
import dev.hangar.application.port.in.TagResourceUseCase;
import dev.hangar.application.port.in.UntagResourceUseCase;
import dev.hangar.application.port.in.UpdateBuildUseCase;
import java.time.Clock;
import java.util.List;
import javax.inject.Named;
import javax.inject.Singleton;

/** The GameLift operations, the handlers that serve them, and how callers are recognised. */
@Module
public interface HttpAdapterModule {
  @Provides
  @Singleton
  static NextTokens nextTokens(@Named("listingTokenKey") byte[] key) {
    return new NextTokens(key);
  }

  @Provides
  @Singleton
  static List<GameLiftOperation<?, ?>> operations(CreateBuildUseCase create, DescribeBuildUseCase describe,
      ListBuildsUseCase list, UpdateBuildUseCase update, DeleteBuildUseCase delete,
      RequestUploadCredentialsUseCase credentials, TagResourceUseCase tag, UntagResourceUseCase untag,
      ListTagsForResourceUseCase listTags, NextTokens tokens) {
    return List.of(new CreateBuildOperation(create), new DescribeBuildOperation(describe),
        new ListBuildsOperation(list, tokens), new UpdateBuildOperation(update), new DeleteBuildOperation(delete),
        new RequestUploadCredentialsOperation(credentials), new TagResourceOperation(tag),
        new UntagResourceOperation(untag), new ListTagsForResourceOperation(listTags));
  }

  @Provides
  @Singleton
  static GameLiftHandler gameLiftHandler(List<GameLiftOperation<?, ?>> operations, CallerResolver callers,
      GameLiftHandler.Blocking blocking, Clock clock) {
    return new GameLiftHandler(operations, callers, blocking, clock);
  }

  @Provides
  @Singleton
  static RootHandler rootHandler(GameLiftHandler gameLift, S3Handler s3, java.util.Optional<ConsoleAccess> console,
      dev.hangar.application.port.in.AccountOverviewUseCase overview, java.util.Optional<PrometheusRegistry> metrics,
      RequestObserver observer, Clock clock) {
    return new RootHandler(gameLift, s3, console.map(access -> new ConsoleHandler(access.tokens(), overview, clock)),
        metrics.map(MetricsHandler::new), observer, clock);
  }

  /** The node's metrics registry, with the JVM's metrics on it, unless --metrics false. */
  @Provides
  @Singleton
  static java.util.Optional<PrometheusRegistry> metricsRegistry(ServiceConfig config) {
    if (!config.serving().metrics()) {
      return java.util.Optional.empty();
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    return java.util.Optional.of(registry);
  }

  /** Follows every request: the request metrics and the access log when they are on, and the draining state. */
  @Provides
  @Singleton
  static RequestObserver requestObserver(ServiceConfig config, java.util.Optional<PrometheusRegistry> metrics) {
    List<RequestObserver.Listener> listeners = new java.util.ArrayList<>();
    metrics.ifPresent(registry -> listeners.add(new HttpMetrics(registry)));
    if (config.serving().accessLog()) {
      listeners.add(new AccessLog());
    }
    RequestObserver observer = new RequestObserver(listeners);
    metrics.ifPresent(registry -> HttpMetrics.registerInFlight(registry, observer));
    return observer;
  }

  /** The console's tokens: on the embedded backends only (memory, local), whose uploads the node sees. */
  @Provides
  @Singleton
  static java.util.Optional<ConsoleAccess> consoleAccess(ServiceConfig config, PrincipalSource.Resolved principals) {
    return config.adapters() == dev.hangar.bootstrap.AdapterMode.AWS
        ? java.util.Optional.empty()
        : java.util.Optional.of(ConsoleAccess.load(config, principals.principals()));
  }

  @Provides
  @Singleton
  static S3Handler s3Handler(S3UseCases useCases, ServiceConfig config, LeaseLookup leases, PrincipalDirectory principals, Clock clock) {
    return new S3Handler(useCases, new SigV4Verifier(config.region().value(), "s3", false, clock), leases, principals, clock);
  }
}
