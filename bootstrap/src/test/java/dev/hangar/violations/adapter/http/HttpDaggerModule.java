package dev.hangar.violations.adapter.http;

import dagger.Module;
import dagger.Provides;

/** Breaks rule 6: a Dagger module outside bootstrap. */
@Module
public final class HttpDaggerModule {
  private HttpDaggerModule() {
  }

  @Provides
  static HttpOperation operation() {
    return new HttpOperation();
  }
}
