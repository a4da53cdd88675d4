package dev.hangar.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.domain.build.Build;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which calls leave Undertow's IO thread, for each kind of adapter behind the operations. */
class BlockingDispatchTest {
  private final Map<String, Boolean> onIoThread = new ConcurrentHashMap<>();
  private final Build build = TestBuilds.newBuild(new dev.hangar.domain.build.AccountId(HttpTestServer.ACCOUNT));

  private boolean ioThread() {
    // Undertow's IO threads are XNIO's "I/O" threads; its workers are "task" threads.
    return Thread.currentThread().getName().contains("I/O");
  }

  @ParameterizedTest
  @EnumSource(GameLiftHandler.Blocking.class)
  void readsAndWrites_leaveTheIoThreadAsTheirAdaptersNeed(GameLiftHandler.Blocking blocking) {
    List<GameLiftOperation<?, ?>> operations = List.of(
        new DescribeBuildOperation(query -> {
          onIoThread.put("read", ioThread());
          return build;
        }),
        new UpdateBuildOperation(command -> {
          onIoThread.put("write", ioThread());
          return build;
        }));
    try (HttpTestServer server = new HttpTestServer(operations, blocking)) {
      String body = "{\"BuildId\":\"" + build.id().value() + "\"}";
      assertThat(server.call("DescribeBuild", body).statusCode()).isEqualTo(200);
      assertThat(server.call("UpdateBuild", "{\"BuildId\":\"" + build.id().value() + "\",\"Name\":\"n\"}").statusCode()).isEqualTo(200);
    }
    switch (blocking) {
      case NOTHING -> assertThat(onIoThread).containsEntry("read", true).containsEntry("write", true);
      case CATALOG_WRITES -> assertThat(onIoThread).containsEntry("read", true).containsEntry("write", false);
      case EVERYTHING -> assertThat(onIoThread).containsEntry("read", false).containsEntry("write", false);
    }
  }
}
