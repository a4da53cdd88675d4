package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.ListBuildsRequest;
import dev.hangar.adapter.http.wire.ListBuildsResponse;
import dev.hangar.application.port.in.ListBuildsQuery;
import dev.hangar.application.port.in.ListBuildsResult;
import dev.hangar.application.port.in.ListBuildsUseCase;
import dev.hangar.domain.build.BuildStatus;
import java.util.Optional;

public final class ListBuildsOperation implements GameLiftOperation<ListBuildsRequest, ListBuildsResponse> {
  private final ListBuildsUseCase useCase;
  private final NextTokens tokens;

  public ListBuildsOperation(ListBuildsUseCase useCase, NextTokens tokens) {
    this.useCase = useCase;
    this.tokens = tokens;
  }

  @Override
  public String name() {
    return "ListBuilds";
  }

  @Override
  public Class<ListBuildsRequest> requestType() {
    return ListBuildsRequest.class;
  }

  @Override
  public ListBuildsResponse execute(Caller caller, ListBuildsRequest request) {
    ListBuildsQuery query = new ListBuildsQuery(caller.account(),
        Members.optional("Status", request.status(), v -> BuildStatus.parse("Status", v)),
        Optional.ofNullable(request.limit()),
        Members.optional("NextToken", request.nextToken(), tokens::open));
    ListBuildsResult result = useCase.listBuilds(query);
    return new ListBuildsResponse(result.builds().stream().map(Shapes::build).toList(),
        result.next().map(tokens::seal).orElse(null));
  }
}
