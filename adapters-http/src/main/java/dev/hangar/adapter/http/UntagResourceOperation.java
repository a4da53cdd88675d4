package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.EmptyShape;
import dev.hangar.adapter.http.wire.UntagResourceRequest;
import dev.hangar.application.port.in.UntagResourceCommand;
import dev.hangar.application.port.in.UntagResourceUseCase;

public final class UntagResourceOperation implements GameLiftOperation<UntagResourceRequest, EmptyShape> {
  private final UntagResourceUseCase useCase;

  public UntagResourceOperation(UntagResourceUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "UntagResource";
  }

  @Override
  public Class<UntagResourceRequest> requestType() {
    return UntagResourceRequest.class;
  }

  @Override
  public EmptyShape execute(Caller caller, UntagResourceRequest request) {
    useCase.untagResource(new UntagResourceCommand(caller.account(), Members.resourceArn(request.resourceARN()),
        Members.tagKeys(Members.required("TagKeys", request.tagKeys()))));
    return EmptyShape.INSTANCE;
  }

  @Override
  public boolean writesCatalog() {
    return true;
  }
}
