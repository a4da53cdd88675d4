package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.ListTagsForResourceResponse;
import dev.hangar.adapter.http.wire.ResourceArnRequest;
import dev.hangar.application.port.in.ListTagsForResourceQuery;
import dev.hangar.application.port.in.ListTagsForResourceUseCase;

public final class ListTagsForResourceOperation implements GameLiftOperation<ResourceArnRequest, ListTagsForResourceResponse> {
  private final ListTagsForResourceUseCase useCase;

  public ListTagsForResourceOperation(ListTagsForResourceUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "ListTagsForResource";
  }

  @Override
  public Class<ResourceArnRequest> requestType() {
    return ResourceArnRequest.class;
  }

  @Override
  public ListTagsForResourceResponse execute(Caller caller, ResourceArnRequest request) {
    return new ListTagsForResourceResponse(Shapes.tags(useCase.listTagsForResource(
        new ListTagsForResourceQuery(caller.account(), Members.resourceArn(request.resourceARN())))));
  }
}
