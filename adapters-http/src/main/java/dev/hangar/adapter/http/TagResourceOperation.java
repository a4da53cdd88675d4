package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.EmptyShape;
import dev.hangar.adapter.http.wire.TagResourceRequest;
import dev.hangar.application.port.in.TagResourceCommand;
import dev.hangar.application.port.in.TagResourceUseCase;

public final class TagResourceOperation implements GameLiftOperation<TagResourceRequest, EmptyShape> {
  private final TagResourceUseCase useCase;

  public TagResourceOperation(TagResourceUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "TagResource";
  }

  @Override
  public Class<TagResourceRequest> requestType() {
    return TagResourceRequest.class;
  }

  @Override
  public EmptyShape execute(Caller caller, TagResourceRequest request) {
    useCase.tagResource(new TagResourceCommand(caller.account(), Members.resourceArn(request.resourceARN()),
        Members.tags(Members.required("Tags", request.tags()))));
    return EmptyShape.INSTANCE;
  }

  @Override
  public boolean writesCatalog() {
    return true;
  }
}
