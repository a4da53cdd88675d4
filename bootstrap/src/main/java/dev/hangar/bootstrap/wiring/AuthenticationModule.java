package dev.hangar.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.hangar.adapter.http.CallerResolver;
import dev.hangar.adapter.http.FixedCallerResolver;
import dev.hangar.adapter.http.SigV4CallerResolver;
import dev.hangar.adapter.http.sigv4.SigV4Verifier;
import dev.hangar.adapter.inmemory.InMemoryPrincipalDirectory;
import dev.hangar.application.port.out.PrincipalDirectory;
import dev.hangar.bootstrap.PrincipalSource;
import dev.hangar.bootstrap.ServiceConfig;
import java.time.Clock;
import javax.inject.Singleton;

/** Who may call the API: the principals, and SigV4 (or, with --insecure-no-auth, nobody checks). */
@Module
public interface AuthenticationModule {
  @Provides
  @Singleton
  static PrincipalSource.Resolved principals(ServiceConfig config, Clock clock) {
    return PrincipalSource.resolve(config, clock);
  }

  @Provides
  @Singleton
  static InMemoryPrincipalDirectory principalDirectory(PrincipalSource.Resolved principals) {
    return new InMemoryPrincipalDirectory(principals.principals());
  }

  @Provides
  static PrincipalDirectory directoryPort(InMemoryPrincipalDirectory directory) {
    return directory;
  }

  @Provides
  @Singleton
  static CallerResolver callerResolver(ServiceConfig config, Clock clock, PrincipalDirectory principals) {
    if (config.insecureNoAuth()) {
      return new FixedCallerResolver(config.accountId());
    }
    return new SigV4CallerResolver(new SigV4Verifier(config.region().value(), SigV4CallerResolver.SERVICE, true, clock), principals);
  }
}
