package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.BuildIdRequest;
import dev.hangar.application.port.in.DeleteBuildCommand;
import dev.hangar.application.port.in.DeleteBuildUseCase;

/** DeleteBuild has no output shape: success is an empty body. */
public final class DeleteBuildOperation implements GameLiftOperation<BuildIdRequest, Void> {
  private final DeleteBuildUseCase useCase;

  public DeleteBuildOperation(DeleteBuildUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "DeleteBuild";
  }

  @Override
  public Class<BuildIdRequest> requestType() {
    return BuildIdRequest.class;
  }

  /** Deleting a build deletes its files. */
  @Override
  public boolean mayBlock(BuildIdRequest request) {
    return true;
  }

  @Override
  public Void execute(Caller caller, BuildIdRequest request) {
    useCase.deleteBuild(new DeleteBuildCommand(caller.account(), Members.buildIdOrArn(request.buildId())));
    return null;
  }

  @Override
  public boolean writesCatalog() {
    return true;
  }
}
