package dev.hangar.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.domain.build.BuildId;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

public abstract class BuildIdGeneratorContractTest {
  private static final Pattern UUID_ID = Pattern.compile("build-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  protected abstract BuildIdGenerator generator();

  @Test
  void next_manyCalls_uniqueUuidShapedIds() {
    Set<BuildId> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      BuildId id = generator().next();
      assertThat(id.value()).matches(UUID_ID);
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }
}
