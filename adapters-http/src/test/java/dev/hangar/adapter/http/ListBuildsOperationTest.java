package dev.hangar.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hangar.application.fixture.FakeBuildIds;
import dev.hangar.application.fixture.FakeBuildRepository;
import dev.hangar.application.fixture.FakeBuildStorage;
import dev.hangar.application.fixture.FakeCredentialIssuer;
import dev.hangar.application.fixture.MutableClock;
import dev.hangar.application.fixture.TestBuilds;
import dev.hangar.application.service.CreateBuildService;
import dev.hangar.application.service.ListBuildsService;
import dev.hangar.domain.build.BuildPolicy;
import dev.hangar.domain.build.OperatingSystem;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CreateBuild and ListBuilds through the wire: shapes, timestamps and NextToken paging. */
class ListBuildsOperationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void listBuilds_limitTwo_pagesWithOpaqueTokens() throws Exception {
    FakeBuildRepository builds = new FakeBuildRepository();
    CreateBuildService create = new CreateBuildService(builds, new FakeBuildStorage(), new FakeCredentialIssuer(),
        new FakeBuildIds(), new BuildPolicy(TestBuilds.REGION, OperatingSystem.WINDOWS_2022), dev.hangar.application.port.out.AccountLedger.NOT_KEPT, new MutableClock(TestBuilds.T0.plusMillis(57)));
    byte[] key = new byte[32];
    try (HttpTestServer server = new HttpTestServer(List.of(new CreateBuildOperation(create),
        new ListBuildsOperation(new ListBuildsService(builds, dev.hangar.application.port.in.SyncBuildFilesUseCase.NONE), new NextTokens(key))), true)) {
      Set<String> created = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> response = server.call("CreateBuild", "{\"Name\":\"b" + i + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode build = JSON.readTree(response.body()).get("Build");
        assertThat(build.get("CreationTime").isNumber()).isTrue();
        assertThat(build.get("CreationTime").decimalValue()).isEqualByComparingTo(new java.math.BigDecimal("1893456000.057"));
        assertThat(build.get("OperatingSystem").asText()).isEqualTo("WINDOWS_2022");
        created.add(build.get("BuildId").asText());
      }
      Set<String> seen = new HashSet<>();
      String token = null;
      int pages = 0;
      do {
        String body = token == null ? "{\"Limit\":2}" : "{\"Limit\":2,\"NextToken\":\"" + token + "\"}";
        JsonNode page = JSON.readTree(server.call("ListBuilds", body).body());
        page.get("Builds").forEach(b -> assertThat(seen.add(b.get("BuildId").asText())).isTrue());
        token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
        pages++;
      } while (token != null && pages < 10);
      assertThat(pages).isEqualTo(3);
      assertThat(seen).isEqualTo(created);
    }
  }
}
