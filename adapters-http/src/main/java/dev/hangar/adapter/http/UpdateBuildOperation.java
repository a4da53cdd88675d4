package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.BuildResponse;
import dev.hangar.adapter.http.wire.UpdateBuildRequest;
import dev.hangar.application.port.in.UpdateBuildCommand;
import dev.hangar.application.port.in.UpdateBuildUseCase;

public final class UpdateBuildOperation implements GameLiftOperation<UpdateBuildRequest, BuildResponse> {
  private final UpdateBuildUseCase useCase;

  public UpdateBuildOperation(UpdateBuildUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "UpdateBuild";
  }

  @Override
  public Class<UpdateBuildRequest> requestType() {
    return UpdateBuildRequest.class;
  }

  @Override
  public BuildResponse execute(Caller caller, UpdateBuildRequest request) {
    UpdateBuildCommand command = new UpdateBuildCommand(caller.account(), Members.buildIdOrArn(request.buildId()),
        Members.freeText("Name", request.name()), Members.freeText("Version", request.version()));
    return new BuildResponse(Shapes.build(useCase.updateBuild(command)));
  }

  @Override
  public boolean writesCatalog() {
    return true;
  }
}
